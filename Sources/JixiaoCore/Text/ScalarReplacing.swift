extension StringProtocol {
    /// Every `target` scalar replaced, wherever it stands.
    ///
    /// The standard library's `replacing(_:with:)` matches whole Characters, and a Character can
    /// hold more than the target: "\r\n" is one Character, so replacing "\n" would leave a
    /// Windows line break whole, where Foundation's `replacingOccurrences` (which this
    /// replaces) turned it into "\r" + replacement. Text from a file written on Windows must
    /// come out as it did. Also for file names, where a "/" must go even when a combining mark
    /// follows it.
    public func replacingScalar(_ target: Unicode.Scalar, with replacement: String) -> String {
        guard unicodeScalars.contains(target) else { return String(self) }
        var out = String.UnicodeScalarView()
        for u in unicodeScalars {
            if u == target {
                out.append(contentsOf: replacement.unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }
}
