// libFuzzer target: bytes → TemplateDecoder.decode; a template that loads gets an empty
// session, which is computed, validated, rendered and read back, printed as its form (text,
// narrow and wide, paged, and CSV), and its JSON Schema is made.
import JixiaoCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = bytes(data, size)
    guard let t = try? TemplateDecoder.decode(input, source: "<fuzz>") else { return 0 }
    let s = Session.new(for: t, unit: "单位", year: 2024)
    let c = Calculator.compute(s, t)
    let problems = Validator.validate(s, t, c)
    checkRoundTrip(s, t, registry: nil, what: "fuzz-template")
    // Whatever form a template that loads draws, it prints.
    let doc = SheetLayout(session: s, template: t, computed: c, problems: problems).document()
    _ = TextRenderer(width: 80).render(doc)
    _ = TextRenderer(width: 61, pageLength: 20, ambiguous: .wide).render(doc)
    _ = CSVRenderer().render(doc)
    let schema = SessionSchema.generate(t)
    _ = JSONWriter.bytes(schema)
    return 0
}
