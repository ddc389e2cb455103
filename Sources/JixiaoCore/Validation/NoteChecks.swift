extension Validator {
    /// A note must be on a value the sheet has: one left behind by a deleted row is said.
    static func notes(_ s: Session, _ t: Template, _ c: Computed, _ out: inout ProblemList) {
        guard !s.notes.isEmpty else { return }
        let doc = SessionCodec.encode(s, template: t, computed: c)
        for (pointer, text) in SessionCodec.notesInSheetOrder(s.notes, doc.objectValue ?? JSONObject()) {
            // A note is text from the file: checked as any text is (control characters).
            value(.text(text), SheetNote.field, JSONPointer() / "notes" / pointer, &out)
            guard let p = JSONPointer(parsing: pointer), doc.resolve(p) == nil else { continue }
            out.add(.warning, JSONPointer() / "notes" / pointer,
                    "注释所在的值 \(pointer) 在表中不存在（可能所在的行已删除）",
                    "the value \(pointer) the note is on is not in the sheet (its row may have been deleted)",
                    code: "note-orphaned")
        }
    }
}
