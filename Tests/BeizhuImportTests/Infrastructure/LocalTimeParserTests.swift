import BeizhuCore
import Foundation
import Testing

@testable import BeizhuImport

@Suite struct LocalTimeParserTests {
  let parser = LocalTimeParser(timeZone: TimeZone(identifier: "Asia/Shanghai") ?? .current)

  @Test(arguments: [
    ("2024-04-03 15:25:21", Int64(1_712_129_121), false, false),
    ("2024-04-03 15:25:21.916000", 1_712_129_121, false, false),
    ("2024-04-03T15:25:21+08:00", 1_712_129_121, false, false),
    ("2024-04-03T07:25:21Z", 1_712_129_121, false, false),
    ("2024/4/3 15:25", 1_712_129_100, true, true),
    ("2024-04-03 15:25", 1_712_129_100, true, false),
    ("2024-04-03 15:25:21 +0800 CST", 1_712_129_121, false, false),
  ])
  func formats(text: String, expected: Int64, lacksSeconds: Bool, reformatted: Bool) {
    let parsed = parser.parse(text)
    #expect(parsed?.unixSeconds == expected)
    #expect(parsed?.lacksSeconds == lacksSeconds)
    #expect(parsed?.isReformatted == reformatted)
  }

  @Test(arguments: ["", "yesterday", "2024-13-01 00:00:00", "2024-04-03 25:00:00", "24-04-03 10:00:00"])
  func rejectsNonsense(text: String) {
    #expect(parser.parse(text) == nil)
  }
}

@Suite struct MoneyTextTests {
  @Test(arguments: [
    ("转账：￥198.00\n转账说明：水乳", Int64?.some(19_800)),
    ("[转账|发送 ¥198](memo)", 19_800),
    ("收到转账198.00元。如需收钱", 19_800),
    ("￥1,299.5", 129_950),
    ("单号7563651837159", nil),
    ("2024-04-03", nil),
  ])
  func amounts(text: String, fen: Int64?) {
    #expect(MoneyText.firstAmountFen(in: text) == fen)
  }

  /// Zones whose offset never changes over the span use one cached offset; it must equal what
  /// the zone says at every naive time, for zones with DST, with a standard-offset change
  /// (Pyongyang 2015 and 2018) and with half-hour shifts (Lord Howe).
  @Test(arguments: [
    "Asia/Shanghai", "UTC", "Asia/Kolkata", "America/New_York", "Europe/London", "Asia/Pyongyang",
    "Australia/Lord_Howe", "Asia/Tokyo",
  ])
  func cachedOffsetsEqualTheZone(identifier: String) throws {
    let parser = LocalTimeParser(timeZone: try #require(TimeZone(identifier: identifier)))
    var random = SplitMix64(seed: 7)
    let span = LocalTimeParser.fixedOffsetSpan
    var naives = (0..<2_000).map { _ in
      span.lowerBound + Int64(random.next() % UInt64(span.upperBound - span.lowerBound))
    }
    // Around Pyongyang's two changes and a few DST switches, hour by hour.
    for anchor: Int64 in [1_439_564_400, 1_525_446_000, 1_710_054_000, 1_711_846_800] {
      naives += (-48...48).map { anchor + Int64($0) * 1_800 }
    }
    for naive in naives {
      #expect(
        parser.offsetSeconds(forNaive: naive) == parser.zoneOffsetSeconds(forNaive: naive),
        "\(identifier) \(naive)")
    }
  }
}
