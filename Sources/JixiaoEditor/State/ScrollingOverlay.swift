import JixiaoCore

/// The help (F1) and the pager (F5 preview, a recovery's difference, refused pasted values) as
/// a model of their own: a text scrolled by keys, closed by any other key.
public enum ScrollingOverlay {
    /// The scroll after `key`, at most `limit`, `page` lines to a page; nil when the key
    /// closes the overlay.
    public static func update(scroll: Int, key: Key, limit: Int, page: Int) -> Int? {
        switch key {
        case .up: return max(0, scroll - 1)
        case .down: return min(limit, scroll + 1)
        case .pageUp: return max(0, scroll - page)
        case .pageDown, .char(" "): return min(limit, scroll + page)
        case .home: return 0
        case .end: return limit
        default: return nil
        }
    }
}
