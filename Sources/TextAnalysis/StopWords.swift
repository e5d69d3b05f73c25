/// Words too common to say what a text is about, in lower case, a selection
/// made for this project: function words (articles, pronouns, prepositions,
/// conjunctions, auxiliaries), never terms; and the filler of policy texts
/// ("ensure", "national", "mettre en œuvre"), terms only inside a phrase
/// (`public works`), never alone.
public enum StopWords {
    public static func of(_ language: Language) -> Set<String> {
        switch language {
        case .english: english
        case .french: french
        }
    }

    public static func filler(_ language: Language) -> Set<String> {
        switch language {
        case .english: englishFiller
        case .french: frenchFiller
        }
    }

    public static let english: Set<String> = [
        "a", "about", "above", "across", "after", "again", "against", "all", "also", "am", "among", "an", "and", "any",
        "are", "as", "at", "be", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
        "did", "do", "does", "doing", "down", "during", "each", "either", "etc", "every", "for", "from", "further",
        "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is",
        "it", "its", "itself", "just", "may", "me", "might", "more", "most", "must", "my", "neither", "nor", "of",
        "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own", "per", "same", "shall",
        "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these",
        "they", "this", "those", "through", "to", "too", "under", "until", "up", "upon", "us", "very", "via", "was",
        "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will",
        "with", "within", "would", "you", "your", "s", "t",
    ]

    public static let englishFiller: Set<String> = [
        "ensure", "ensures", "ensuring", "including", "include", "includes", "measure", "measures", "new", "well",
        "use", "used", "using", "make", "makes", "making", "take", "taking", "provide", "provides", "providing",
        "support", "supports", "supporting", "promote", "promotes", "promoting", "implement", "implementing",
        "programme", "program", "plan", "policy", "policies", "national", "public", "year", "years", "cent",
        "percent", "level", "levels", "way", "ways", "based", "related", "relevant", "appropriate", "particular",
        "particularly", "especially", "increase", "increased", "increasing", "reduce", "reduced", "reducing",
        "improve", "improved", "improving", "strengthen", "strengthening", "enhance", "enhancing", "achieve",
        "achieving", "substantially", "significantly", "least", "many", "much", "one", "two", "three",
    ]

    public static let french: Set<String> = [
        "a", "à", "au", "aux", "avec", "ce", "ces", "cet", "cette", "c", "comme", "d", "dans", "de", "des", "du", "elle",
        "elles", "en", "entre", "et", "être", "été", "est", "sont", "il", "ils", "j", "l", "la", "le", "les", "leur",
        "leurs", "lui", "m", "ma", "mais", "me", "même", "mes", "moi", "mon", "n", "ni", "nos", "notre", "nous", "on",
        "ou", "où", "par", "pour", "qu", "que", "qui", "quoi", "s", "sa", "se", "ses", "si", "son", "sur", "t", "ta",
        "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "y", "afin", "ainsi", "après", "auprès",
        "avant", "chaque", "contre", "depuis", "dont", "donc", "lors", "lorsque", "parmi", "pendant", "plusieurs",
        "puis", "quand", "selon", "sous", "tous", "tout", "toute", "toutes", "très", "vers", "via", "ont", "avoir",
        "fait", "faire", "peut", "peuvent", "doit", "doivent", "sera", "seront", "cela", "ceci", "celle", "celles",
        "celui", "ceux", "dès", "aussi", "autre", "autres", "certains", "certaines",
    ]

    public static let frenchFiller: Set<String> = [
        "mettre", "œuvre", "oeuvre", "mise", "place", "assurer", "garantir", "veiller", "renforcer", "promouvoir",
        "améliorer", "favoriser", "soutenir", "soutien", "mesure", "mesures", "plan", "programme", "politique",
        "politiques", "national", "nationale", "nationaux", "nationales", "public", "publique", "publics",
        "publiques", "an", "ans", "année", "années", "niveau", "niveaux", "cadre", "notamment", "compris",
        "nouveau", "nouvelle", "nouveaux", "nouvelles", "accroître", "augmenter", "réduire", "réduction",
        "sensiblement", "particulier", "pourcentage",
    ]
}
