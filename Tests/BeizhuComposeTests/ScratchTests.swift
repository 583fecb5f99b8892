import Testing
@testable import BeizhuCompose

@Test func scratch() {
  let n = NameNormalizer()
  for s in ["ღ甜甜の小屋🌸", "❀Ⓜ️ⓘⓐ❀", "B²代购Mia", "ㅤ", "Coco 🍊", "小鹿🦌", "陈晨Chen", "林小雨🌷", "꧁༺陳曉明༻꧂", "𠮷田", "Ｍｉａ１２３", "Mia V:mia520", "王丽13800138000", "👨‍👩‍👧小王", "🇨🇳李华", "1️⃣号小美", "Z̷̢a̶l̸g̵o̷", "Zoë", "韩国代购小美", "さくら", "甜甜♡☆", "\u{200B}\u{202E}小美\u{FEFF}", "Lily1990", "wxid_lxy2023skin", "𝓜𝓲𝓪", "⑧⑧小美", "王 丽", "Mary Jane", "【小美】", "阿卜杜·买买提", "小美(杭州)", "头髮", "頭髮很長"] {
    let r = n.normalize(s, alias: "", id: "wxid_x")
    print(s, "→", r.name, r.changes.map { "\($0.reason.rawValue):\($0.removed)>\($0.replacement)" }, r.phones, r.needsReview)
  }
}
