import Testing

@testable import TextAnalysis

@Suite struct TokenizerTests {
    func texts(_ text: String) -> [String] { Tokenizer.words(text).map(\.text) }

    @Test func wordsAreLowerCaseAndSplitAtHyphensAndPunctuation() {
        #expect(texts("Low-carbon, CITY-wide bus lanes.") == ["low", "carbon", "city", "wide", "bus", "lanes"])
        #expect(Tokenizer.words("fuel, tax").map(\.endsClause) == [true, true])
        #expect(Tokenizer.words("fuel tax").map(\.endsClause) == [false, true])
    }

    @Test func accentsAreKeptAndComposed() {
        // "é" written as e + U+0301 reads as the composed letter.
        #expect(texts("Pêche ÉCOLOGIQUE e\u{301}nergie") == ["pêche", "écologique", "énergie"])
        #expect(Tokenizer.foldDiacritics("pêcheur") == "pecheur")
        #expect(Tokenizer.foldDiacritics("œuvre") == "oeuvre")
        #expect(Tokenizer.foldDiacritics("énergie") == "energie")
    }

    @Test func apostrophesDropElisionsAndPossessives() {
        #expect(texts("l'eau d’irrigation qu'il faut") == ["eau", "irrigation", "il", "faut"])
        #expect(texts("the country's farmers' rights") == ["the", "country", "farmers", "rights"])
        #expect(texts("aujourd'hui") == ["aujourd", "hui"])
    }

    @Test func otherScriptsAndNumbersAreWordsToo() {
        #expect(texts("Энергия 能源 2030 13.2") == ["энергия", "能源", "2030", "13", "2"])
        #expect(Tokenizer.words("2030 plan").map(\.isNumber) == [true, false])
    }

    @Test func aLoneCombiningMarkIsLeftOut() {
        #expect(texts("\u{301}abc x\u{30A}y") == ["abc", "xy"])
    }
}

@Suite struct AnalyzerTests {
    func stems(_ text: String, _ language: Language? = nil) -> [String] {
        Analyzer.terms(of: text, language: language).map(\.stem)
    }

    @Test func englishTermsAreStemmedWithoutStopWords() {
        #expect(stems("Subsidise diesel fuel for the fishing fleets") == ["subsidis", "diesel", "fuel", "fish", "fleet"])
        #expect(stems("fisheries subsidies") == ["fisheri", "subsidi"])
    }

    @Test func frenchTermsAreStemmedAndFolded() {
        #expect(stems("Subventionner le gazole des flottes de pêche") == ["subvention", "gazol", "flott", "pech"])
        #expect(Analyzer.detectLanguage(Tokenizer.words("le gazole des flottes de pêche").map(\.text)) == .french)
        #expect(Analyzer.detectLanguage(Tokenizer.words("the fleets of the fishers").map(\.text)) == .english)
    }

    @Test func positionsCountStopWordsSoPhrasesStayApart() {
        #expect(Analyzer.terms(of: "fuel for the fleets").map(\.position) == [0, 3])
    }

    @Test func negationGovernsTheRestOfTheClause() {
        let terms = Analyzer.terms(of: "Ending coal subsidies, and new solar grants")
        #expect(terms.map(\.stem) == ["coal", "subsidi", "new", "solar", "grant"])
        #expect(terms.map(\.negated) == [true, true, false, false, false])
        // `new` is the filler of every policy text: a term inside a phrase only.
        #expect(terms.map(\.isFiller) == [false, false, true, false, false])
        let french = Analyzer.terms(of: "sans subvention au charbon; aides au solaire", language: .french)
        #expect(french.map(\.negated) == [true, true, false, false])
        #expect(Analyzer.terms(of: "no longer subsidise coal").map(\.negated) == [true, true])
    }
}
