// TextAnalysis: text -> the terms `lumen suggest` compares with profiles. It
// depends on nothing, and knows nothing of SDGs.
//
//   Tokenizer       words of any script, lower case, accents composed; hyphens
//                   and apostrophes split words, French elisions and English
//                   possessives go; whether punctuation ends a clause after a word
//   StopWords       function words (never terms) and the filler of policy texts
//                   (terms inside a phrase only), English and French
//   EnglishStemmer  Porter2, as Snowball publishes it
//   FrenchStemmer   the Snowball French stemmer
//   Analyzer        the pipeline: words -> language (from their stop words) ->
//                   TextTerms (stem folded of its accents, the word as written, its
//                   position, whether a negation governs it, whether it is filler);
//                   StemCache makes each distinct word's stem once per run
