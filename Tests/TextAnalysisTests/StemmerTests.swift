import Testing

@testable import TextAnalysis

/// The stemmers against the words and stems Snowball publishes with each
/// algorithm (the sample vocabularies of snowballstem.org and its
/// `snowball-data` repository), a selection that passes through every step.
@Suite struct StemmerTests {
    /// English (Porter2): pairs from the published sample vocabulary.
    static let english: [(String, String)] = [
        ("abandoned", "abandon"), ("abandonment", "abandon"), ("abasement", "abas"), ("abatement", "abat"),
        ("abattement", "abatt"), ("abbe", "abb"), ("abbeys", "abbey"), ("abbominable", "abbomin"),
        ("abbreviation", "abbrevi"), ("abdication", "abdic"), ("abdominal", "abdomin"), ("abduction", "abduct"),
        ("abed", "abe"), ("abergavenny", "abergavenni"), ("aberration", "aberr"), ("abetting", "abet"),
        ("abeyance", "abey"), ("abhorred", "abhor"), ("abhorrence", "abhorr"), ("abide", "abid"),
        ("abilities", "abil"), ("ability", "abil"), ("abimee", "abime"), ("abipones", "abipon"),
        ("abjectly", "abject"), ("abjectness", "abject"), ("able", "abl"), ("abler", "abler"), ("ablest", "ablest"),
        ("ablutions", "ablut"), ("abnegation", "abneg"), ("abnormality", "abnorm"), ("abnormally", "abnorm"),
        ("abodements", "abod"), ("abolition", "abolit"), ("abominably", "abomin"), ("aboriginally", "aborigin"),
        ("abortives", "abort"), ("above", "abov"), ("abrolhos", "abrolho"), ("abruptness", "abrupt"),
        ("absences", "absenc"), ("accessary", "accessari"), ("accessible", "access"), ("accessories", "accessori"),
        ("accidence", "accid"), ("accidental", "accident"), ("accidentally", "accident"), ("acclamations", "acclam"),
        ("acclivity", "accliv"), ("accommodations", "accommod"), ("accompanied", "accompani"),
        ("accompaniments", "accompani"), ("accordingly", "accord"), ("accountabilities", "account"),
        ("accuracy", "accuraci"), ("accurately", "accur"), ("acquaintanceship", "acquaintanceship"),
        ("acquiescence", "acquiesc"), ("actively", "activ"), ("activity", "activ"), ("actuality", "actual"),
        ("adaptability", "adapt"), ("added", "add"), ("adding", "add"), ("adder", "adder"), ("additionally", "addit"),
        ("addled", "addl"), ("adherence", "adher"), ("administer", "administ"), ("administration", "administr"),
        ("administrative", "administr"), ("admiralty", "admiralti"), ("admiringly", "admir"), ("admittance", "admitt"),
        ("admitted", "admit"), ("admonitory", "admonitori"), ("adoration", "ador"), ("adultery", "adulteri"),
        ("advantageously", "advantag"), ("adventuresses", "adventuress"), ("advertisement", "advertis"),
        ("advis", "advi"), ("advisability", "advis"), ("advocacy", "advocaci"), ("aeronautics", "aeronaut"),
        ("aesthetically", "aesthet"), ("affability", "affabl"), ("affection", "affect"),
        ("affectionately", "affection"), ("agencies", "agenc"), ("aggravations", "aggrav"), ("agonisingly", "agonis"),
        ("agreeable", "agreeabl"), ("agreeing", "agre"), ("agreement", "agreement"), ("agricultural", "agricultur"),
        ("ahungry", "ahungri"), ("airily", "airili"), ("airlessness", "airless"), ("allegorical", "allegor"),
        ("alliances", "allianc"), ("allotted", "allot"), ("allowances", "allow"), ("almighty", "almighti"),
        ("already", "alreadi"), ("alternately", "altern"), ("alternatives", "altern"), ("amazedness", "amazed"),
        ("ambitiously", "ambiti"), ("amiabilities", "amiabl"), ("amicability", "amic"), ("amorously", "amor"),
        ("amusements", "amus"), ("analysing", "analys"), ("anathematizing", "anathemat"), ("anciently", "ancient"),
        ("angelically", "angel"), ("anglicanism", "anglican"), ("animalized", "anim"),
        ("'", "'"), ("'''", "'"), ("'a'", "a"), ("'as'", "as"), ("a''", "a'"), ("aa'", "aa"),
    ]

    /// English: the examples the algorithm's description gives for its steps and exceptions.
    static let englishDescribed: [(String, String)] = [
        ("generate", "generat"), ("generates", "generat"), ("generated", "generat"), ("generating", "generat"),
        ("general", "general"), ("generally", "general"), ("generic", "generic"), ("generically", "generic"),
        ("generous", "generous"), ("generously", "generous"), ("ties", "tie"), ("cries", "cri"), ("gas", "gas"),
        ("this", "this"), ("gaps", "gap"), ("kiwis", "kiwi"), ("cry", "cri"), ("by", "by"), ("say", "say"),
        ("dying", "die"), ("herring", "herring"), ("herrings", "herring"), ("skies", "sky"), ("news", "news"),
        ("howe", "howe"), ("succeed", "succeed"), ("proceeding", "proceed"), ("geology", "geolog"),
        ("geologist", "geolog"), ("early", "earli"), ("only", "onli"),
    ]

    @Test func englishStemsAreThePublishedOnes() {
        for (word, stem) in Self.english + Self.englishDescribed {
            #expect(EnglishStemmer.stem(word) == stem, "\(word)")
        }
    }

    /// French: pairs from the published sample vocabulary.
    static let french: [(String, String)] = [
        ("consultés", "consult"), ("consultons", "consulton"), ("contagieux", "contagi"), ("contemplation", "contempl"),
        ("contemporains", "contemporain"), ("contenance", "conten"), ("contentement", "content"),
        ("contenus", "contenus"), ("contiennent", "contiennent"), ("continuellement", "continuel"),
        ("continuité", "continu"), ("continuation", "continu"), ("contorsions", "contors"),
        ("contradictoirement", "contradictoir"), ("contrarie", "contrar"), ("contrariété", "contrariet"),
        ("contravention", "contravent"), ("contrebandiers", "contrebandi"), ("contrition", "contrit"),
        ("contrôle", "contrôl"), ("convenablement", "conven"), ("convenance", "conven"), ("conversation", "convers"),
        ("conviendrons", "conviendron"), ("convoitise", "convoitis"), ("convulsionnait", "convulsion"),
        ("convulsivement", "convuls"), ("copeaux", "copeau"), ("copieusement", "copieux"),
        ("coquetterie", "coquetter"), ("corbeille", "corbeil"), ("correctionnelle", "correctionnel"),
        ("correspondance", "correspond"), ("corrège", "correg"), ("corruption", "corrupt"), ("côtoyant", "côtoi"),
        ("couchèrent", "couch"), ("couchettes", "couchet"), ("couronnement", "couron"),
        ("courageusement", "courag"), ("courroux", "courroux"), ("coupable", "coupabl"),
        ("contraindre", "contraindr"), ("convier", "convi"), ("courtier", "courti"), ("contrées", "contr"),
        ("contrit", "contr"), ("cornwallis", "cornwall"), ("correctif", "correct"), ("courageuse", "courag"),
        ("coteaux", "coteau"), ("couleurs", "couleur"), ("coulisse", "coul"), ("convertis", "convert"),
        ("convois", "convois"), ("continua", "continu"), ("contrariez", "contrar"), ("convulsif", "convuls"),
        ("corrosif", "corros"), ("courtisanerie", "courtisaner"), ("courtisanesque", "courtisanesqu"),
        ("couperosée", "couperos"), ("cosaques", "cosaqu"), ("coquille", "coquill"), ("corneille", "corneil"),
        ("coudrier", "coudri"), ("courrier", "courri"), ("nourrissait", "nourr"), ("nouveauté", "nouveaut"),
        ("nouvellement", "nouvel"), ("noyée", "noi"), ("noyers", "noyer"), ("nuées", "nu"), ("nuisible", "nuisibl"),
        ("nullement", "null"), ("numérotées", "numérot"), ("obéie", "obei"), ("obéissance", "obéiss"),
        ("obligeamment", "oblig"), ("obligeances", "oblige"), ("obscurément", "obscur"), ("obséda", "obsed"),
        ("observateurs", "observ"), ("obtiendrai", "obtiendr"), ("occasionner", "occasion"),
        ("occurrence", "occurrent"), ("odieuse", "odieux"), ("odorante", "odor"), ("offensive", "offens"),
        ("officiellement", "officiel"), ("offrait", "offrait"), ("oisive", "oisiv"), ("ombreuses", "ombreux"),
        ("omelette", "omelet"), ("opiniâtrement", "opiniâtr"), ("opportunité", "opportun"), ("opulence", "opulent"),
        ("oreiller", "oreil"), ("oreillers", "oreiller"), ("orfèvre", "orfevr"), ("orfèvrerie", "orfèvrer"),
        ("orgueilleusement", "orgueil"), ("orientalistes", "oriental"), ("originalité", "original"),
        ("originaux", "original"), ("ornement", "ornement"), ("ornementation", "ornement"), ("ornière", "ornier"),
        ("osa", "osa"), ("osèrent", "osèrent"), ("oseraient", "oser"), ("ostensiblement", "ostensibl"),
        ("orties", "orti"), ("oies", "oie"), ("orfraie", "orfrai"),
    ]

    @Test func frenchStemsAreThePublishedOnes() {
        for (word, stem) in Self.french {
            #expect(FrenchStemmer.stem(word) == stem, "\(word)")
        }
    }
}
