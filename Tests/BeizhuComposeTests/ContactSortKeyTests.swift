import Testing

@testable import BeizhuCompose

@Suite struct ContactSortKeyTests {
  @Test func remarksStartingWithDigitsGoToHash() {
    #expect(ContactSortKey.section(for: "1K小美811") == "#")
    #expect(ContactSortKey.section(for: "") == "#")
    #expect(ContactSortKey.section(for: "C4阿杰") == "C")
    #expect(ContactSortKey.section(for: "coco") == "C")
  }

  @Test func hanRemarksSortByPinyinInitial() {
    #expect(ContactSortKey.section(for: "王姐") == "W")
    #expect(ContactSortKey.section(for: "小美") == "X")
    #expect(ContactSortKey.pinyin("陈晨") == "CHEN CHEN")
  }

  @Test func hanWithoutAReadingGoesToHash() {
    #expect(ContactSortKey.section(for: "𠮷田") == "#")
  }
}

@Suite struct GazetteerTests {
  @Test func shipsEveryProvinceAndPrefecture() {
    let gazetteer = Gazetteer.china
    #expect(gazetteer.provinces.count == 34)
    #expect(gazetteer.cityCount >= 330)
    #expect(gazetteer.place(named: "杭州市") == .init(province: "浙江", city: "杭州"))
    #expect(gazetteer.place(named: "延边") == .init(province: "吉林", city: "延边"))
    #expect(gazetteer.place(named: "北京")?.city == "北京")
    #expect(gazetteer.place(inRegion: "上海 浦东新区") == .init(province: "上海", city: "上海"))
  }
}

@Suite struct RevisitDateTests {
  @Test func codesHaveNoLeadingZeroOnTheMonth() {
    #expect(RevisitDate(month: 8, day: 11)?.code == "811")
    #expect(RevisitDate(month: 11, day: 5)?.code == "1105")
    #expect(RevisitDate(month: 1, day: 11)?.code == "111")
    #expect(RevisitDate(code: "111") == RevisitDate(month: 1, day: 11))
    #expect(RevisitDate(code: "0811") == RevisitDate(month: 8, day: 11))
    #expect(RevisitDate(code: "1332") == nil)
    #expect(RevisitDate(month: 2, day: 30) == nil)
  }
}
