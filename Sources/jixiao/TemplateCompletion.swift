import ArgumentParser
import FoundationEssentials
import JixiaoCore

/// What `new --template` and `schema ID` complete to. The completion scripts that
/// swift-argument-parser generates call the binary back (`jixiao ---completion …`) when TAB is
/// pressed, so the list is the templates this binary finds at that moment: the installed ones,
/// the user's own and JIXIAO_TEMPLATES, and a folder named with --templates earlier on the
/// same line, searched first as the command itself would.
enum TemplateCompletion {
    static let ids = CompletionKind.custom { words, index, _ in
        let environment = ProcessInfo.processInfo.environment
        let folders = extraFolders(words, completing: index, home: environment["HOME"]) + TemplateRegistry.defaultFolders(environment: environment)
        return TemplateRegistry(folders: folders).templates.map(\.id)
    }

    /// The values of --templates on the line, except the word being completed. The shell
    /// passes its words as typed: quotes around a folder and a leading ~/ are undone here.
    static func extraFolders(_ words: [String], completing index: Int, home: String?) -> [String] {
        var out = [String]()
        for (i, word) in words.enumerated() where i != index {
            if word.hasPrefix("--templates=") {
                out.append(String(word.dropFirst("--templates=".count)))
            } else if word == "--templates", i + 1 < words.count, i + 1 != index {
                out.append(words[i + 1])
            }
        }
        return out.map { unquoted($0, home: home) }.filter { !$0.isEmpty }
    }

    static func unquoted(_ word: String, home: String?) -> String {
        var w = word
        if w.count >= 2, let first = w.first, first == "'" || first == "\"", w.last == first {
            w = String(w.dropFirst().dropLast())
        }
        if let home, w == "~" || w.hasPrefix("~/") { w = home + w.dropFirst() }
        return w
    }
}
