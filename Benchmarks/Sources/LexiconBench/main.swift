import BeizhuFeatures
import Foundation

// Keyword scanning with the shipped lexicon (~200 words) against the same lexicon plus 1 800
// generated product words, over the same generated messages, in one run. The automaton is a
// DFA over bytes, so the time per message should barely depend on the word count (target ≤ 1.10).

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
let shipped = try Lexicon.shipped()
// 1 800 product words: deterministic two- to four-character names from a fixed alphabet.
let alphabet = Array("雪花润肤精华霜乳液面膜眼唇颈手足护理修复美白保湿补水紧致焕颜玻尿酸胶原蛋白氨基酸洁面卸妆防晒隔离粉底气垫口红")
var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
@MainActor func next() -> UInt64 {
  seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
  return seed >> 33
}
var products = Set<String>()
while products.count < 1_800 {
  let length = 2 + Int(next() % 3)
  products.insert(String((0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }) + "款")
}
let productList = products.sorted()
let big = shipped.adding(products: productList)
let small = KeywordScanner(lexicon: shipped)
let large = KeywordScanner(lexicon: big)
print("lexicon words: shipped \(shipped.entries.count), with products \(big.entries.count)")

// Messages: chat-like sentences built from fixed parts, some with lexicon words, some without.
let parts = [
  "你好", "在吗", "这个面膜多少钱", "太贵了吧", "给我留两盒", "最近忙啥呢", "已付款", "哈哈下次一起", "发个链接给我",
  "真的有效吗", "代理价多少", "吃饭了没", "周末去哪玩了", "已发货，中通快递单号", "好的谢谢", "👍", "我考虑一下",
  productList[7], productList[901], "今天天气不错", "Coco 🍊 说她也要", "微商都是骗人的",
]
var messages: [[UInt8]] = []
messages.reserveCapacity(4096)
for _ in 0..<4096 {
  var text = ""
  for _ in 0..<(1 + Int(next() % 3)) { text += parts[Int(next() % UInt64(parts.count))] + "，" }
  messages.append(Array(text.utf8))
}

func run(_ scanner: KeywordScanner, _ messages: [[UInt8]], _ count: Int) -> (
  seconds: Double, hits: Int, checksum: Int
) {
  var hits = 0
  var checksum = 0
  let start = DispatchTime.now().uptimeNanoseconds
  for index in 0..<count {
    messages[index & 4095].withUnsafeBufferPointer { bytes in
      for hit in scanner.scan(bytes: bytes) {
        hits += 1
        checksum &+= hit.start &* 31 &+ hit.end
      }
    }
  }
  return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, hits, checksum)
}

// Correctness first: on every distinct message, the large scanner finds every hit of the small one
// (same word, same place) and its extra hits are only generated product words.
let shippedWords = Set(shipped.entries.map(\.word))
var mismatches = 0
for message in messages {
  let a = message.withUnsafeBufferPointer { small.scan(bytes: $0) }
  let b = message.withUnsafeBufferPointer { large.scan(bytes: $0) }
  let shared = Set(b.filter { shippedWords.contains($0.word) }.map { "\($0.word)@\($0.start)" })
  if Set(a.map { "\($0.word)@\($0.start)" }) != shared { mismatches += 1 }
  if b.contains(where: { !shippedWords.contains($0.word) && !products.contains($0.word) }) { mismatches += 1 }
}
print("answer check: \(mismatches == 0 ? "same hits for the shared words" : "\(mismatches) messages differ")")

_ = run(small, messages, count)  // warm up
_ = run(large, messages, count)
var best = (small: Double.infinity, large: Double.infinity)
var counts = (small: 0, large: 0)
for _ in 0..<3 {  // interleaved, best of three: the machine is shared
  let a = run(small, messages, count)
  let b = run(large, messages, count)
  best.small = min(best.small, a.seconds)
  best.large = min(best.large, b.seconds)
  counts = (a.hits, b.hits)
}
let perMillion = { (seconds: Double) in seconds * 1_000_000 / Double(count) }
print(
  String(format: "messages: %d (avg %.1f bytes)", count, Double(messages.map(\.count).reduce(0, +)) / 4096))
print(
  String(
    format: "shipped lexicon:   %.3f s per million messages (%d hits)", perMillion(best.small), counts.small))
print(
  String(
    format: "2 000-word lexicon: %.3f s per million messages (%d hits)", perMillion(best.large), counts.large)
)
print(String(format: "ratio: %.3f (target <= 1.10)", best.large / best.small))
exit(mismatches == 0 ? 0 : 1)
