import Foundation
import XCTest
@testable import JixiaoCore

/// How a figure goes into a workbook: its number format as the form prints it, and the number
/// itself, which a spreadsheet reads back as exactly the decimal it was made from.
final class SpreadsheetNumberTests: XCTestCase {
    func testNumberFormatsAsTheFormPrints() {
        XCTAssertEqual(SpreadsheetCell.numberFormat(PrintFigure(value: 5577.04, decimals: 2, grouped: true)), "#,##0.00")
        XCTAssertEqual(SpreadsheetCell.numberFormat(PrintFigure(value: D("99.98"), decimals: 2, suffix: "%")), "0.00\"%\"")
        XCTAssertEqual(SpreadsheetCell.numberFormat(PrintFigure(value: 91, decimals: 2)), "0.00")
        XCTAssertEqual(SpreadsheetCell.numberFormat(PrintFigure(value: 50, decimals: 0)), "0")
        XCTAssertEqual(SpreadsheetCell.numberFormat(PrintFigure(value: 1, decimals: 3, grouped: true, suffix: "\"万元\"")), "#,##0.000\"万元\"")
    }

    /// The double of a figure is the one its own digits name: 9.995 and 8.03, which no
    /// arithmetic in binary would land on, read back as themselves.
    func testAFigureIsTheDoubleItsDigitsName() throws {
        for literal in ["9.995", "8.03", "5577.04", "-1234.50", "0.07", "7410966.87", "123456789012.34", "0", "0.000001"] {
            let v = try XCTUnwrap(SpreadsheetCell.number(PrintFigure(value: D(literal), decimals: 2)), literal)
            XCTAssertEqual(v, Double(literal), literal)
            XCTAssertEqual(Decimal(string: "\(v)"), D(literal), literal)
        }
    }

    /// More digits than a double holds go as text: nothing is lost.
    func testTooManyDigitsAreNoNumber() {
        XCTAssertNil(SpreadsheetCell.number(PrintFigure(value: D("1234567890123456.7"), decimals: 1)))
        XCTAssertNil(SpreadsheetCell.number(PrintFigure(value: D("12345678901234567890123456.78"), decimals: 2)))
        XCTAssertNotNil(SpreadsheetCell.number(PrintFigure(value: D("123456789012345"), decimals: 0)))
    }

    func testAPrivateFolderIsOnlyOursAndGoesWithItsFiles() throws {
        let path: String
        do {
            let folder = try PrivateFolder(prefix: "jixiao-test")
            path = folder.path
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o700)
            try Fixtures.write("x", to: folder.file("book.xlsx"))
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("book.xlsx")))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }
}
