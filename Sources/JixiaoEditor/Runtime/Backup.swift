import JixiaoCore

/// The previous version of a sheet, kept on each save: NAME.bak beside it, or in the private
/// backups folder when something not ours stands at that name (a link planted in a shared
/// folder, another user's file). Never stops a save: what could not be kept is said.
enum Backup {
    /// What became of the previous version, for the status line; nil when all went as usual.
    static func keep(of sheet: String, lang: Language, environment: [String: String]) -> String? {
        let real = SideFile.resolvedSheet(sheet)
        do {
            try AtomicFile.keepBackup(of: sheet, at: real + ".bak")
            return nil
        } catch let local {
            do {
                let folder = try SideFile.privateFolder("backups", environment: environment)
                let privatePath = PathComponents.appending(SideFile.flatName(real, suffix: ".bak"), to: folder)
                try AtomicFile.keepBackup(of: sheet, at: privatePath)
                return lang.pick("已保存；上一版本改存于 \(privatePath)（\(local.render(lang))）", "Saved; the previous version is kept in \(privatePath) (\(local.render(lang)))")
            } catch {
                return lang.pick("已保存，但无法保留上一版本：\(error.render(lang))", "Saved, but the previous version could not be kept: \(error.render(lang))")
            }
        }
    }
}
