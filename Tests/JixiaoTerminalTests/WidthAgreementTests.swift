import Testing
@testable import JixiaoCore
import JixiaoTerminal

/// The program's one width function must agree with the C library's wcwidth, which ncurses
/// uses to place characters: otherwise the editor's columns and the terminal's drift apart.
@Test func displayWidthAgreesWithTheCLibraryEverywhereItKnows() {
    var disagreements = [String]()
    for v in UInt32(0x20)...UInt32(0x3FFFF) {
        if (0x7F...0x9F).contains(v) { continue }
        guard let u = Unicode.Scalar(v) else { continue }
        let c = Terminal.wcwidth(u)
        guard c >= 0 else { continue }  // unassigned or unprintable for the C library
        if c != DisplayWidth.of(u) && disagreements.count < 20 {
            disagreements.append(String(v, radix: 16) + ": libc \(c), ours \(DisplayWidth.of(u))")
        }
    }
    #expect(disagreements.isEmpty, "\(disagreements)")
}

@Test func theStringsOfTheSheetsMeasureTheSame() {
    for s in ["中共绥宁县委组织部", "≥2000人", "5577.04", "㎡", "（续）", "—", "…", "第 1 页 / 共 3 页"] {
        let libc = s.unicodeScalars.reduce(0) { $0 + max(0, Terminal.wcwidth($1)) }
        #expect(libc == DisplayWidth.of(s), "\(s)")
    }
}
