import Foundation
import Testing
@testable import Winnow

/// The language identifier: scripts, the n-gram model, close languages, the page's hint, limits.
@Suite("Language identifier")
struct LanguageIdentifierTests {
    func code(_ text: String, hint: String? = nil) -> String? {
        LanguageIdentifier.identify(text, hint: hint)?.code
    }

    @Test func supportsAtLeastFortyLanguages() {
        let supported = LanguageIdentifier.supported
        #expect(supported.count >= 40)
        for code in ["en", "de", "fr", "es", "pt", "it", "nl", "ru", "uk", "zh", "ja", "ko", "ar", "hi", "nb", "da", "sv", "hr", "sr", "bs", "id", "ms"] {
            #expect(supported.contains(code), "\(code)")
        }
        #expect(supported == supported.sorted())
    }

    @Test func noGuessWithoutLetters() {
        #expect(LanguageIdentifier.identify("") == nil)
        #expect(LanguageIdentifier.identify("   \n\t ") == nil)
        #expect(LanguageIdentifier.identify("12 345,67 € — 2024-05-01 (+33) 1 23 45 67 89") == nil)
        #expect(LanguageIdentifier.identify("ab") == nil)
        #expect(LanguageIdentifier.ranked("", limit: 3).isEmpty)
    }

    @Test func scriptsDecideTheirOwnLanguages() {
        #expect(code("Η γλώσσα αυτή γράφεται με το ελληνικό αλφάβητο.") == "el")
        #expect(code("זהו משפט קצר בשפה העברית.") == "he")
        #expect(code("นี่คือประโยคภาษาไทยสั้น ๆ") == "th")
        #expect(code("이것은 한국어로 쓴 짧은 문장입니다.") == "ko")
        #expect(code("これは日本語で書かれた短い文です。") == "ja")
        #expect(code("这是一个用中文写的句子，用来测试语言识别。") == "zh")
        #expect(code("ეს არის მოკლე წინადადება ქართულად.") == "ka")
        #expect(code("Սա կարճ նախադասություն է հայերենով։") == "hy")
        #expect(code("இது தமிழில் எழுதப்பட்ட ஒரு சிறிய வாக்கியம்.") == "ta")
        let greek = LanguageIdentifier.identify("Η γλώσσα αυτή γράφεται με το ελληνικό αλφάβητο.")
        #expect((greek?.confidence ?? 0) > 0.9)
    }

    @Test func theModelSeparatesLanguagesThatShareAScript() {
        let cases: [(String, String)] = [
            ("en", "The committee will meet again next week to discuss the budget and the new school buildings."),
            ("de", "Der Ausschuss wird sich nächste Woche wieder treffen, um über den Haushalt und die neuen Schulgebäude zu sprechen."),
            ("fr", "Le comité se réunira de nouveau la semaine prochaine pour discuter du budget et des nouvelles écoles."),
            ("es", "El comité se reunirá de nuevo la semana que viene para hablar del presupuesto y de las nuevas escuelas."),
            ("pt", "O comitê vai se reunir novamente na próxima semana para discutir o orçamento e as novas escolas."),
            ("it", "Il comitato si riunirà di nuovo la prossima settimana per discutere il bilancio e le nuove scuole."),
            ("nl", "De commissie komt volgende week opnieuw bijeen om de begroting en de nieuwe schoolgebouwen te bespreken."),
            ("pl", "Komisja zbierze się ponownie w przyszłym tygodniu, aby omówić budżet i nowe budynki szkolne."),
            ("cs", "Výbor se znovu sejde příští týden, aby projednal rozpočet a nové školní budovy."),
            ("sv", "Kommittén ska träffas igen nästa vecka för att diskutera budgeten och de nya skolbyggnaderna."),
            ("fi", "Valiokunta kokoontuu uudelleen ensi viikolla keskustelemaan talousarviosta ja uusista koulurakennuksista."),
            ("hu", "A bizottság jövő héten újra ülésezik, hogy megvitassa a költségvetést és az új iskolaépületeket."),
            ("tr", "Komite, bütçeyi ve yeni okul binalarını görüşmek için gelecek hafta yeniden toplanacak."),
            ("ro", "Comitetul se va reuni din nou săptămâna viitoare pentru a discuta bugetul și noile clădiri ale școlilor."),
            ("vi", "Ủy ban sẽ họp lại vào tuần tới để thảo luận về ngân sách và các tòa nhà trường học mới."),
            ("id", "Komite akan bertemu lagi minggu depan untuk membahas anggaran dan gedung sekolah yang baru."),
            ("ru", "Комитет снова соберётся на следующей неделе, чтобы обсудить бюджет и новые школьные здания."),
            ("uk", "Комітет знову збереться наступного тижня, щоб обговорити бюджет і нові шкільні будівлі."),
            ("bg", "Комитетът ще се събере отново следващата седмица, за да обсъди бюджета и новите училищни сгради."),
            ("ar", "ستجتمع اللجنة مرة أخرى الأسبوع المقبل لمناقشة الميزانية والمباني المدرسية الجديدة."),
            ("fa", "کمیته هفته آینده دوباره تشکیل جلسه می‌دهد تا درباره بودجه و ساختمان‌های جدید مدرسه گفتگو کند."),
            ("hi", "समिति अगले सप्ताह फिर से बैठक करेगी ताकि बजट और नए स्कूल भवनों पर चर्चा की जा सके।"),
        ]
        for (expected, text) in cases {
            #expect(code(text) == expected, "\(text)")
        }
    }

    @Test func upperCaseTextIsFoldedOntoTheModel() {
        #expect(code("DER AUSSCHUSS WIRD SICH NÄCHSTE WOCHE WIEDER TREFFEN, UM ÜBER DEN HAUSHALT ZU SPRECHEN.") == "de")
        #expect(code("КОМИТЕТ СНОВА СОБЕРЁТСЯ НА СЛЕДУЮЩЕЙ НЕДЕЛЕ, ЧТОБЫ ОБСУДИТЬ БЮДЖЕТ.") == "ru")
    }

    @Test func closeLanguagesAreToldApartWhenTheTextSaysSo() {
        #expect(code("Výbor se znovu sejde příští týden, aby projednal rozpočet a nové školní budovy v našem městě.") == "cs")
        #expect(code("Výbor sa znovu stretne budúci týždeň, aby prerokoval rozpočet a nové školské budovy v našom meste.") == "sk")
        #expect(code("Udvalget mødes igen i næste uge for at drøfte budgettet og de nye skolebygninger, som kommunen vil bygge.") == "da")
        #expect(code("Komiteen møtes igjen neste uke for å diskutere budsjettet og de nye skolebygningene som kommunen skal bygge.") == "nb")
        #expect(code("El comité se reunirá de nuevo la semana que viene para hablar del presupuesto y de las nuevas escuelas de la ciudad.") == "es")
        #expect(code("El comitè es tornarà a reunir la setmana que ve per parlar del pressupost i de les noves escoles de la ciutat.") == "ca")
    }

    @Test func aTieBetweenCloseLanguagesHasALowConfidence() throws {
        // Croatian, Bosnian and Serbian (in Latin letters) share these words.
        let tie = try #require(LanguageIdentifier.identify("Dobar dan, kako ste danas?"))
        #expect(["hr", "bs"].contains(tie.code))
        #expect(tie.confidence < 0.9)
        let clear = try #require(LanguageIdentifier.identify("The committee will meet again next week to discuss the budget."))
        #expect(clear.confidence > 0.99)
        let ranked = LanguageIdentifier.ranked("Dobar dan, kako ste danas?", limit: 3)
        #expect(ranked.count == 3)
        #expect(ranked.map(\.confidence).reduce(0, +) <= 1.0001)
        #expect(ranked.map(\.confidence) == ranked.map(\.confidence).sorted(by: >))
    }

    @Test func theHintBreaksNearTiesOnly() {
        let short = "Dobar dan, kako ste danas?"
        #expect(code(short, hint: "bs-BA") == "bs")
        #expect(code(short, hint: "hr") == "hr")
        // Serbian in Latin letters: the model cannot tell it from Croatian; the page can.
        #expect(code(short, hint: "sr-Latn") == "sr")
        let serbian = LanguageIdentifier.ranked(short, hint: "sr", limit: 3).map(\.code)
        #expect(serbian.first == "sr" && Set(serbian).count == serbian.count)
        // A paragraph's clear evidence beats the page's word.
        let german = "Der Ausschuss wird sich nächste Woche wieder treffen, um über den Haushalt und die neuen Schulgebäude zu sprechen."
        #expect(code(german, hint: "en-US") == "de")
        #expect(code(german, hint: "nl") == "de")
        // A hint in another script, or unknown, changes nothing.
        #expect(code(german, hint: "ru") == "de")
        #expect(code(german, hint: "x-klingon") == "de")
        // Han alone could be either; the page settles it.
        #expect(code("東京都庁舎", hint: "ja") == "ja")
        #expect(code("東京都庁舎") == "zh")
    }

    @Test func textUnlikeAnyLanguageGetsALowConfidence() throws {
        let mashing = try #require(LanguageIdentifier.identify("asdf qwer zxcv uiop hjkl bnm qwerty asdfgh zxcvbn"))
        #expect(mashing.confidence < 0.5)
        let prose = try #require(LanguageIdentifier.identify("Komiteen møtes igjen neste uke for å diskutere budsjettet og de nye skolebygningene."))
        #expect(prose.confidence > 0.9)
    }

    @Test func hintsAreNormalized() {
        #expect(LanguageIdentifier.normalizedHint("en-US") == "en")
        #expect(LanguageIdentifier.normalizedHint("pt_BR") == "pt")
        #expect(LanguageIdentifier.normalizedHint("NO") == "nb")
        #expect(LanguageIdentifier.normalizedHint("iw") == "he")
        #expect(LanguageIdentifier.normalizedHint("") == nil)
        #expect(LanguageIdentifier.normalizedHint(nil) == nil)
    }

    @Test func mixedScriptsGoToTheLanguageOfTheNonLatinText() {
        #expect(code("Установите пакет gnome-user-share, чтобы делиться файлами с коллегами") == "ru")
        #expect(code("Нажмите Ctrl+Alt+Delete, чтобы открыть диспетчер задач Windows") == "ru")
    }

    @Test func onlyTheStartOfAHugeTextIsRead() {
        let paragraph = "Der Ausschuss wird sich nächste Woche wieder treffen, um über den Haushalt zu sprechen. "
        let huge = String(repeating: paragraph, count: 20_000) + String(repeating: "The end of the text is English. ", count: 60_000)
        let start = Date()
        #expect(code(huge) == "de")
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test func concurrentCallsAgreeWithSerialOnes() {
        let texts = [
            "The committee will meet again next week to discuss the budget.",
            "Der Ausschuss wird sich nächste Woche wieder treffen.",
            "Комитет снова соберётся на следующей неделе.",
            "これは日本語で書かれた短い文です。",
            "Komiteen møtes igjen neste uke for å diskutere budsjettet.",
        ]
        let serial = texts.map { LanguageIdentifier.identify($0) }
        let results = ResultBox(count: 64)
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            results.set(i, LanguageIdentifier.identify(texts[i % texts.count]))
        }
        for i in 0..<64 {
            #expect(results.get(i) == serial[i % texts.count])
        }
    }
}

/// Collects results from concurrent workers.
private final class ResultBox: @unchecked Sendable {
    private var values: [LanguageGuess?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: LanguageGuess?) {
        lock.lock()
        values[i] = value
        lock.unlock()
    }

    func get(_ i: Int) -> LanguageGuess? {
        lock.lock()
        defer { lock.unlock() }
        return values[i]
    }
}
