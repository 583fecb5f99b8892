import BeizhuCore
import Testing

@Suite struct DayTests {
  @Test func roundTripsThroughDayNumbers() {
    for number in stride(from: -800_000, through: 800_000, by: 997) {
      let day = Day(daysSinceEpoch: number)
      #expect(day.daysSinceEpoch == number)
      #expect(Day(iso: day.description) == day || day.year < 1000 || day.year > 9999)
    }
    #expect(Day(daysSinceEpoch: 0) == Day(year: 1970, month: 1, day: 1))
    #expect(Day(year: 2024, month: 2, day: 28).adding(days: 1) == Day(year: 2024, month: 2, day: 29))
    #expect(Day(year: 2024, month: 12, day: 31).adding(days: 1) == Day(year: 2025, month: 1, day: 1))
  }

  @Test func unixTimeInShanghai() {
    // 2024-04-03T16:02:29+08:00 and 23:59:59 / 00:00:00 local around midnight.
    #expect(Day(unixTime: 1_712_131_349) == Day(year: 2024, month: 4, day: 3))
    #expect(Day(unixTime: 1_712_159_999) == Day(year: 2024, month: 4, day: 3))
    #expect(Day(unixTime: 1_712_160_000) == Day(year: 2024, month: 4, day: 4))
  }

  @Test func parsesOnlyRealDates() {
    #expect(Day(iso: "2025-01-15") == Day(year: 2025, month: 1, day: 15))
    #expect(Day(iso: "2023-02-29") == nil)
    #expect(Day(iso: "2025-1-15") == nil)
    #expect(Day(iso: "today") == nil)
  }
}
