/// The command lines that only open the editor on a sheet, recognised before
/// swift-argument-parser is consulted: `jixiao FILE.json`, `jixiao edit FILE.json`,
/// `jixiao review FILE.json`, with no option. The parser finds its commands and options by
/// run-time reflection, which costs about a millisecond of every start, a tenth of the time
/// to the editor's first frame; these lines have nothing to parse. Anything else (an option,
/// a name without .json, which could be a command) goes through the parser as usual.
struct EditorLaunch: Equatable {
    var file: String
    var readOnly: Bool

    init?(arguments: [String]) {
        let file: String
        switch arguments.count {
        case 1:
            file = arguments[0]
            readOnly = false
        case 2 where arguments[0] == "edit" || arguments[0] == "review":
            file = arguments[1]
            readOnly = arguments[0] == "review"
        default:
            return nil
        }
        guard file.hasSuffix(".json"), !file.hasPrefix("-") else { return nil }
        self.file = file
    }
}
