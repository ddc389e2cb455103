import Foundation
import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// Drives the editor as a user would: events in, screens out.
struct EditorHarness {
    var state: EditorState
    var commands: [EditorCommand] = []

    static let templates = TemplateRegistry(folders: [TemplateRegistry.sourceTemplates])
    static let examples = URL(fileURLWithPath: TemplateRegistry.sourceTemplates).appendingPathComponent("examples").path

    init(example: String, width: Int = 80, height: Int = 24, readOnly: Bool = false, lang: Language = .zh) throws {
        let loaded = try SessionFile.load("\(Self.examples)/\(example)", registry: Self.templates)
        state = EditorState(session: loaded.session, template: loaded.template, path: example, readOnly: readOnly, lang: lang, width: width, height: height)
    }

    init(newSheet templateID: String, width: Int = 80, height: Int = 24) throws {
        let t = try XCTUnwrap(Self.templates.template(id: templateID))
        state = EditorState(session: Session.new(for: t), template: t, path: "new.json", width: width, height: height)
    }

    mutating func send(_ events: Event...) { for e in events { apply(e) } }

    mutating func apply(_ e: Event) {
        let (s, c) = Editor.update(state, e)
        state = s
        commands += c
        // Saves succeed at once here; the runtime does the real write.
        for case .save(_, _, let thenQuit, _) in c {
            let (s2, c2) = Editor.update(state, .outcome(.saved(thenQuit: thenQuit, note: nil)))
            state = s2
            commands += c2
        }
    }

    /// Puts the cursor on a cell.
    mutating func go(to target: Target) throws {
        let (t, r, c) = try XCTUnwrap(state.position(of: target))
        (state.tab, state.row, state.col) = (t, r, c)
    }

    mutating func key(_ k: Key, times: Int = 1) { for _ in 0..<times { apply(.key(k)) } }

    mutating func type(_ text: String) { for c in text { apply(.key(.char(c))) } }

    var screen: String { EditorView.draw(state).text }
    var buffer: ScreenBuffer { EditorView.draw(state) }
}
