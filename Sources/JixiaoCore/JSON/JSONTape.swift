/// A parsed JSON document kept flat: for each value in document order (an object's keys among
/// them, each just before its value), where it starts in the file's bytes and where it ends.
///
/// Why not a tree of `JSONValue` for session files: a 16 MB file can hold eight million
/// values, and a tree spends some 24 to 40 bytes and often an allocation on each, for values
/// the reader then refuses or never looks at. The tape spends eight bytes a value and nothing
/// else; strings and numbers stay in the file's bytes until someone asks for them, and
/// `JSONElement` reads them in place.
///
/// `starts[n]` is the offset of value n's first byte, which also tells its kind. `ends[n]` is,
/// for a string, the offset of its closing quote, with the top bit set when the string has
/// escapes or is not plain ASCII (see `plain`); for a number, the offset after its last digit;
/// for an array or object, the index of the value after its last descendant, so that a
/// container is skipped in one step.
public final class JSONTape: TapeReading, Sendable {
    let bytes: [UInt8]
    let starts: [UInt32]
    let ends: [UInt32]

    /// Marks a string that cannot be compared byte by byte.
    static let notPlain: UInt32 = 1 << 31

    init(bytes: [UInt8], starts: [UInt32], ends: [UInt32]) {
        self.bytes = bytes
        self.starts = starts
        self.ends = ends
    }

    /// The whole document.
    public var root: JSONElement { JSONElement(tape: self, index: 0) }

    /// How many values the document holds, keys included.
    public var count: Int { starts.count }
}

/// What reading the tape needs, for the parser while it writes it and for `JSONTape` after:
/// the parser's own arrays are read in place, never copied while they grow.
protocol TapeReading {
    var bytes: [UInt8] { get }
    var starts: [UInt32] { get }
    var ends: [UInt32] { get }
}

extension TapeReading {
    func first(_ n: Int) -> UInt8 { bytes[Int(starts[n])] }

    func isContainer(_ n: Int) -> Bool {
        let b = first(n)
        return b == UInt8(ascii: "{") || b == UInt8(ascii: "[")
    }

    /// The value after value `n` and all it contains.
    func next(_ n: Int) -> Int { isContainer(n) ? Int(ends[n]) : n + 1 }

    /// Whether string `n` is plain ASCII without escapes, so that its bytes are its text and
    /// two such strings are equal exactly when their bytes are. (Other strings are compared as
    /// Swift compares strings, which treats canonically equivalent ones as equal: the K of
    /// kelvin and a K, say. The template's ids are looked up the same way.)
    func plain(_ n: Int) -> Bool { ends[n] & JSONTape.notPlain == 0 }

    /// The bytes between string `n`'s quotes, as written.
    func raw(_ n: Int) -> ArraySlice<UInt8> {
        bytes[(Int(starts[n]) + 1)..<Int(ends[n] & ~JSONTape.notPlain)]
    }

    /// String `n`'s text, escapes decoded.
    func string(_ n: Int) -> String {
        if plain(n) || !raw(n).contains(UInt8(ascii: "\\")) { return String(decoding: raw(n), as: UTF8.self) }
        var c = Cursor(bytes: bytes, at: Int(starts[n]))
        // The parser has read this string once already, so decoding cannot fail here.
        return (try? c.string()) ?? ""
    }

    /// Whether strings `a` and `b` say the same.
    func sameKey(_ a: Int, _ b: Int) -> Bool {
        if plain(a) && plain(b) { return raw(a) == raw(b) }
        return string(a) == string(b)
    }

    /// The value of object `object`'s member `key`, if it has one. A plain key is compared
    /// with the file's bytes, lengths first, so that looking up "template" among a million
    /// other keys costs a million subtractions and no string; the buffers are opened once for
    /// the whole walk, which keeps it quick in debug builds too.
    func member(of object: Int, named key: String) -> Int? {
        var utf8 = key
        return utf8.withUTF8 { k in
            bytes.withUnsafeBufferPointer { b in
                starts.withUnsafeBufferPointer { st in
                    ends.withUnsafeBufferPointer { en in
                        let end = Int(en[object])
                        var m = object + 1
                        while m < end {
                            let e = en[m]
                            if e & JSONTape.notPlain == 0 {
                                let from = Int(st[m]) + 1
                                if Int(e) - from == k.count && (0..<k.count).allSatisfy({ b[from + $0] == k[$0] }) { return m + 1 }
                            } else if string(m) == key {
                                return m + 1
                            }
                            let v = m + 1
                            let first = b[Int(st[v])]
                            m = first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? Int(en[v]) : v + 1
                        }
                        return nil
                    }
                }
            }
        }
    }

    /// Whether object `object` has a key like `key` before it.
    func hasKey(_ object: Int, like key: Int) -> Bool {
        var k = object + 1
        while k < key {
            if sameKey(k, key) { return true }
            k = next(k + 1)
        }
        return false
    }

    /// Value `n` and everything in it as a tree.
    func value(_ n: Int) -> JSONValue {
        switch first(n) {
        case UInt8(ascii: "{"):
            var members = [(key: String, value: JSONValue)]()
            var k = n + 1
            while k < Int(ends[n]) {
                members.append((string(k), value(k + 1)))
                k = next(k + 1)
            }
            return .object(JSONObject(members))
        case UInt8(ascii: "["):
            var items = [JSONValue]()
            var k = n + 1
            while k < Int(ends[n]) {
                items.append(value(k))
                k = next(k)
            }
            return .array(items)
        case UInt8(ascii: "\""): return .string(string(n))
        case UInt8(ascii: "t"): return .bool(true)
        case UInt8(ascii: "f"): return .bool(false)
        case UInt8(ascii: "n"): return .null
        default: return .number(String(decoding: bytes[Int(starts[n])..<Int(ends[n])], as: UTF8.self))
        }
    }
}
