// libFuzzer target: bytes → SessionFile.decode against the repository's templates; a session
// that loads is computed, validated, rendered, and must survive render → decode unchanged. It is
// also summarised (its row, laid out, and the summary sheet --save would write) and started
// again for the next year: both sheets must survive render → decode too.
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
    if let form = summaryForm {
        let summary = ProjectSummary([SheetFigures.row(loaded, form: form)], form: form)
        _ = SummaryLayout.document(summary)
        checkRoundTrip(SummarySheet.session(summary), form.template, registry: registry, what: "fuzz-session (summary)")
    }
    let next = s.year.flatMap { $0 < 2200 ? $0 + 1 : nil }
    checkRoundTrip(NextYearSheet.make(from: s, template: t, year: next), t, registry: registry, what: "fuzz-session (next year)")
    return 0
}

/// The summary's table, from the bundled templates.
let summaryForm = registry.template(id: SummaryForm.defaultTemplateID).flatMap(SummaryForm.init)
