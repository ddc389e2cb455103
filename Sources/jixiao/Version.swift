/// The program's version, written here and nowhere else: `jixiao --version` prints it, and the
/// Makefile reads it from this line for the .deb's name and Version field, so the two agree.
enum JixiaoVersion {
    static let current = "0.1.0"
}
