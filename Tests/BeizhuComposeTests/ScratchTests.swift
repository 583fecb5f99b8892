import Testing
@testable import BeizhuCompose

@Test func scratch() {
  let p = LegacyRemarkParser()
  print("gaz", p.gazetteer.cityCount)
  for s in ["王姐老客户", "阿杰 健身房", "赵阿姨想做代理", "北京/王强/IT Y 13800138000", "8.11回访", "王姐-老客户", "Coco(同事介绍)", "赵阿姨(想做代理)", "高中同学陈晨", "1K小美811", "3D王姐1105", "C4阿杰", "1K小美F811", "1K小美杭州811", "8/11", "0811", "8月11日", "8-11回访", "李朝阳", "王姐杭州", "A类 张总 VIP", "陈晨Chen", "2024.8.11 复购 小美🌸", "1K811", "111回访", "小美520"] {
    let r = p.parse(remark: s)
    print(s, "→", r.pieces.map { "\($0.kind.rawValue):\($0.text)=\($0.value)" })
  }
  let c = RemarkComposer()
  let out = c.compose(for: [
    .init(id: "a", nickname: "小美🌸", level: 1, revisit: RevisitDate(month: 8, day: 11)),
    .init(id: "b", nickname: "ღ小美の", region: "浙江 杭州", level: 1, revisit: RevisitDate(month: 8, day: 11)),
    .init(id: "c", nickname: "小美", level: 1, revisit: RevisitDate(month: 8, day: 11)),
    .init(id: "d", nickname: "王丽", oldRemark: "王姐-老客户", oldTags: ["客户", "老客户"], level: 3, role: .agent, revisit: RevisitDate(month: 11, day: 5)),
    .init(id: "e", nickname: "阿杰", oldRemark: "C4阿杰", level: 4),
    .init(id: "f", nickname: "x", oldRemark: "北京/王强/IT Y 13800138000", level: 5),
    .init(id: "g", nickname: "欧阳娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜", level: 2, revisit: RevisitDate(month: 12, day: 25)),
  ])
  for o in out { print(o.id, o.remark, o.tags, o.description, o.phones, o.section, o.reviewReasons, o.accounting.entries.map { "\($0.piece.text)→\($0.destination)" }) }
}
