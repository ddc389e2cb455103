#if canImport(Glibc)
import Glibc
#endif
import CXlsxWriter
import JixiaoCore

/// Writes a `PrintDocument` as an XLSX workbook through libxlsxwriter: each printed sheet a
/// worksheet with its caption, title and lines merged across the grid, every cell of the grid
/// with a thin border, merged as the form merges it, headings bold, text wrapped; figures as
/// numbers (the doubles of Jixiao's exact results, never formulas) in the format the form
/// prints them; text as `SpreadsheetCell` says, so that nothing runs as a formula. Column
/// widths and row heights come from the text layout (`GridLayout`) at the paper's width; each
/// worksheet prints on its paper, one page wide, its header row repeated on every page, with
/// the print area set and panes frozen where the template says. The problems of a draft go on
/// a worksheet of their own.
///
/// libxlsxwriter writes to a path: it writes into a private folder (`PrivateFolder`), and the
/// bytes then reach `path` through `AtomicFile`, as every output does.
public struct XLSXWriter {
    public var lang: Language

    public init(lang: Language = .zh) { self.lang = lang }

    /// Excel keeps at most this many characters in a cell.
    static let cellLimit = 32767
    /// Points per line of 11-point SimSun, for row heights.
    static let lineHeight = 15.0

    public func write(_ doc: PrintDocument, to path: String) throws(FileError) {
        var why = [CChar](repeating: 0, count: 512)
        guard jx_xlsx_load(&why, why.count) == 0 else {
            let reason = String(decoding: why.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw FileError(path: path, message: "无法载入 libxlsxwriter（写 XLSX 需要它，Debian 软件包 libxlsxwriter4）：\(reason)",
                            messageEn: "cannot load libxlsxwriter (XLSX needs it: Debian package libxlsxwriter4): \(reason)")
        }
        let folder = try PrivateFolder(prefix: "jixiao-xlsx")
        let book = folder.file("book.xlsx")
        guard let workbook = jx_xlsx_workbook_new(book, folder.path) else {
            throw FileError(path: path, message: "无法创建工作簿", messageEn: "cannot create the workbook")
        }
        var w = Workbook(handle: workbook, lang: lang)
        var status: Int32 = 0
        var names = [String]()
        for sheet in doc.sheets where status == 0 {
            names.append(uniqueName(sheet.name, taken: names))
            status = w.add(sheet, named: names[names.count - 1])
        }
        if status == 0 && !doc.problems.isEmpty {
            status = w.addProblems(doc, named: uniqueName(lang.pick("问题清单", "Problems"), taken: names))
        }
        // Closing writes the file, and frees the workbook whatever happened before.
        let closed = jx_xlsx_close(workbook)
        if status == 0 { status = closed }
        guard status == 0 else {
            let reason = String(cString: jx_xlsx_strerror(status))
            throw FileError(path: path, message: "无法写入工作簿：\(reason)", messageEn: "cannot write the workbook: \(reason)")
        }
        let bytes = try AtomicFile.read(book, followLinks: false, limit: 1 << 30)
        try AtomicFile.write(bytes, to: path)
    }

    /// A name not already taken by a form's sheet (Excel compares them ignoring case).
    func uniqueName(_ name: String, taken: [String]) -> String {
        let lower = Set(taken.map { $0.lowercased() })
        guard lower.contains(name.lowercased()) else { return name }
        var n = 2
        while lower.contains("\(name) (\(n))".lowercased()) { n += 1 }
        return "\(name) (\(n))"
    }
}

/// One workbook being written: its formats, made once each.
struct Workbook {
    let handle: UnsafeMutableRawPointer
    let lang: Language
    var formats = [FormatKey: UnsafeMutableRawPointer]()

    init(handle: UnsafeMutableRawPointer, lang: Language) {
        self.handle = handle
        self.lang = lang
    }

    struct FormatKey: Hashable {
        var bold = false
        var size = 11.0
        var align = 0
        var border = true
        var wrap = true
        var number: String?
    }

    mutating func format(_ key: FormatKey) -> UnsafeMutableRawPointer? {
        if let f = formats[key] { return f }
        let made: UnsafeMutableRawPointer? = key.number.withOptionalCString { number in
            var spec = jx_xlsx_format_spec(bold: key.bold ? 1 : 0, font_size: key.size, align: Int32(key.align), border: key.border ? 1 : 0,
                                           wrap: key.wrap ? 1 : 0, number_format: number)
            return jx_xlsx_add_format(handle, &spec)
        }
        formats[key] = made
        return made
    }

    static func alignCode(_ a: DisplayWidth.Alignment) -> Int {
        switch a {
        case .left: return 0
        case .center: return 1
        case .right: return 2
        }
    }

    /// Text as a spreadsheet gets it: formulas neutralised, cut to what a cell holds.
    static func cellText(_ s: String, isFigure: Bool = false) -> String {
        let text = SpreadsheetCell.content(s, isFigure: isFigure)
        guard text.utf16.count > XLSXWriter.cellLimit else { return text }
        var out = ""
        for c in text {
            if out.utf16.count + c.utf16.count > XLSXWriter.cellLimit - 1 { break }
            out.append(c)
        }
        return out + "…"
    }

    /// Lines of text merged across the grid's width, one row each.
    mutating func lines(_ lines: [String], in ws: UnsafeMutableRawPointer, from row: inout UInt32, columns: Int, widths: [Int],
                        key: FormatKey) -> Int32 {
        let width = widths.reduce(0, +) + 2 * widths.count
        for line in lines {
            let f = format(key)
            let status = columns > 1
                ? jx_xlsx_merge_range(ws, row, 0, row, UInt16(columns - 1), Self.cellText(line), f)
                : jx_xlsx_write_string(ws, row, 0, Self.cellText(line), f)
            if status != 0 { return status }
            let height = max(1, TextWrap.wrap(line, width: max(10, width)).count)
            _ = jx_xlsx_set_row(ws, row, Double(height) * (key.size > 11 ? key.size * 1.6 : XLSXWriter.lineHeight))
            row += 1
        }
        return 0
    }

    mutating func add(_ sheet: PrintSheet, named name: String) -> Int32 {
        guard let ws = jx_xlsx_add_worksheet(handle, name) else { return -1 }
        let grid = sheet.grid
        let n = grid.columns.count
        // The paper decides the width the form is laid out at, in display columns as the text
        // printout counts them: 160 for landscape, 100 for portrait (the sheet is printed one
        // page wide, scaled to fit, so a wider layout only gives long text more room).
        let layout = GridLayout(grid, width: sheet.page.orientation == .landscape ? 160 : 100)
        for (c, w) in layout.widths.enumerated() { _ = jx_xlsx_set_column(ws, UInt16(c), Double(w + 2)) }
        var row: UInt32 = 0
        var status = lines([sheet.caption].filter { !$0.isEmpty }, in: ws, from: &row, columns: 1, widths: layout.widths,
                           key: FormatKey(border: false, wrap: false))
        if status == 0 {
            status = lines([sheet.title], in: ws, from: &row, columns: n, widths: layout.widths, key: FormatKey(bold: true, size: 16, align: 1, border: false))
        }
        if status == 0 {
            status = lines(sheet.above, in: ws, from: &row, columns: n, widths: layout.widths, key: FormatKey(border: false))
        }
        guard status == 0 else { return status }
        let top = row
        for cell in grid.cells {
            let header = grid.rows[cell.row].header
            var key = FormatKey(bold: cell.bold || header, align: Self.alignCode(cell.align))
            let number = cell.figure.flatMap(SpreadsheetCell.number)
            if let figure = cell.figure, number != nil { key.number = SpreadsheetCell.numberFormat(figure) }
            let f = format(key)
            let r = top + UInt32(cell.row), c = UInt16(cell.column)
            let text = Self.cellText(cell.text, isFigure: cell.figure != nil)
            if cell.rowSpan > 1 || cell.columnSpan > 1 {
                status = jx_xlsx_merge_range(ws, r, c, r + UInt32(cell.rowSpan - 1), c + UInt16(cell.columnSpan - 1), number == nil ? text : "", f)
            }
            if status == 0 {
                if let number {
                    status = jx_xlsx_write_number(ws, r, c, number, f)
                } else if cell.rowSpan == 1 && cell.columnSpan == 1 {
                    status = jx_xlsx_write_string(ws, r, c, text, f)
                }
            }
            if status != 0 { return status }
        }
        for (r, h) in heights(layout).enumerated() { _ = jx_xlsx_set_row(ws, top + UInt32(r), Double(h) * XLSXWriter.lineHeight) }
        row = top + UInt32(grid.rows.count)
        status = lines(sheet.below, in: ws, from: &row, columns: n, widths: layout.widths, key: FormatKey(border: false))
        guard status == 0 else { return status }
        // The first run of repeated header rows prints at the top of every page.
        let repeats = grid.rows.indices.filter { grid.rows[$0].repeats }
        var last = repeats.first ?? -1
        while repeats.contains(last + 1) { last += 1 }
        let frozen = sheet.page.freezeRows ? (repeats.isEmpty ? Int(top) : Int(top) + last + 1) : 0
        let footer = lang.pick("&C第 &P 页 / 共 &N 页", "&CPage &P of &N")
        return footer.withCString { footer in
            var page = jx_xlsx_page_spec(paper: sheet.page.paper == .a3 ? 8 : 9, landscape: sheet.page.orientation == .landscape ? 1 : 0,
                                         repeat_first_row: repeats.first.map { Int32(Int(top) + $0) } ?? -1,
                                         repeat_last_row: repeats.first == nil ? -1 : Int32(Int(top) + last),
                                         last_row: Int32(row) - 1, last_column: Int32(n - 1),
                                         freeze_row: Int32(frozen), freeze_column: Int32(sheet.page.freezeColumns), footer: footer)
            return jx_xlsx_set_page(ws, &page)
        }
    }

    /// Lines of each row in the workbook: the text layout's, less the rules a tall cell
    /// there runs through (a spreadsheet has none inside a merged cell), at least one.
    func heights(_ layout: GridLayout) -> [Int] {
        var h = layout.heights
        for (k, c) in layout.grid.cells.enumerated() where c.rowSpan > 1 {
            let have = h[c.row..<(c.row + c.rowSpan)].reduce(0, +)
            if layout.lines[k].count > have { h[c.row + c.rowSpan - 1] += layout.lines[k].count - have }
        }
        return h.map { max(1, $0) }
    }

    mutating func addProblems(_ doc: PrintDocument, named name: String) -> Int32 {
        guard let ws = jx_xlsx_add_worksheet(handle, name) else { return -1 }
        _ = jx_xlsx_set_column(ws, 0, 100)
        var row: UInt32 = 0
        let status = lines([doc.problemsHeading], in: ws, from: &row, columns: 1, widths: [98], key: FormatKey(bold: true, border: false))
        guard status == 0 else { return status }
        return lines(doc.problems, in: ws, from: &row, columns: 1, widths: [98], key: FormatKey(border: false))
    }
}

extension Optional where Wrapped == String {
    /// Calls `body` with a C string of the value, or with NULL.
    func withOptionalCString<R>(_ body: (UnsafePointer<CChar>?) -> R) -> R {
        switch self {
        case .some(let s): return s.withCString { body($0) }
        case .none: return body(nil)
        }
    }
}
