// libFuzzer target: bytes → SessionFile.decode against the repository's templates; a session
// that loads is computed, validated, rendered, and must survive render → decode unchanged.
import JixiaoCore

/// Built once: decoding the bundled templates is not what this target fuzzes.
let registry: TemplateRegistry = {
    let r = TemplateRegistry(folders: [TemplateRegistry.sourceTemplates])
    if r.templates.isEmpty || !r.broken.isEmpty {
        fatalError("fuzz-session: no usable templates in \(TemplateRegistry.sourceTemplates): \(r.broken.map { $0.render(.en) })")
    }
    return r
}()

/// Loads the templates before the first input, so that their allocations are not charged to it.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    _ = registry.templates.count
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSession(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = bytes(data, size)
    guard let loaded = try? SessionFile.decode(input, path: "<fuzz>", registry: registry) else { return 0 }
    let s = loaded.session, t = loaded.template
    let c = Calculator.compute(s, t)
    _ = Validator.validate(s, t, c)
    checkRoundTrip(s, t, registry: registry, what: "fuzz-session")
    return 0
}
