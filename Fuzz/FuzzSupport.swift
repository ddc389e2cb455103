// Shared by both fuzz targets. Not a SwiftPM target: the Makefile compiles this folder with
// `swiftc -sanitize=fuzzer,address` against an instrumented JixiaoCore (see `make fuzz`).
import JixiaoCore

/// The input as the byte array the library reads.
@inline(__always)
func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}

/// A session as it must survive render → decode: the stored `computed` block is only kept for
/// comparison and is replaced on every save. (Session's == already treats an absent table and
/// an empty one alike; render writes every table of the template, empty ones as [].)
func normalized(_ s: Session) -> Session {
    var s = s
    s.storedComputed = nil
    return s
}

/// Renders `s`, reads the bytes back against `t`, and traps unless the same session returns.
func checkRoundTrip(_ s: Session, _ t: Template, registry: TemplateRegistry?, what: String) {
    let out = SessionFile.render(s, t)
    let back: Session
    if let registry {
        do { back = try SessionFile.decode(out, path: "<round-trip>", registry: registry).session }
        catch { fatalError("\(what): a rendered session does not load again: \(error.render(.en))\n\(String(decoding: out, as: UTF8.self))") }
    } else {
        let doc: JSONElement
        do { doc = try JSONParser.tape(out).root }
        catch { fatalError("\(what): a rendered session is not valid JSON: \(error.messageEn)\n\(String(decoding: out, as: UTF8.self))") }
        do { back = try SessionCodec.decode(doc, template: t, file: "<round-trip>") }
        catch { fatalError("\(what): a rendered session does not decode again: \(error.render(.en))\n\(String(decoding: out, as: UTF8.self))") }
    }
    let a = normalized(s), b = normalized(back)
    if a != b {
        fatalError("\(what): render → decode changed the session\nbefore: \(a)\nafter:  \(b)\nrendered:\n\(String(decoding: out, as: UTF8.self))")
    }
    // A second save of what was read must give the same bytes.
    let again = SessionFile.render(back, t)
    if again != out {
        fatalError("\(what): rendering the re-read session gives different bytes\nfirst:\n\(String(decoding: out, as: UTF8.self))\nsecond:\n\(String(decoding: again, as: UTF8.self))")
    }
}
