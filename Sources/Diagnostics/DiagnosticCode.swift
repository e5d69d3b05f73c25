/// A stable diagnostic code with its one-line summary and long explanation.
///
/// Codes never change meaning and are never reused. Ranges: `L0xxx` syntax and
/// files, `L1xxx` names and types, `L2xxx` safety and stratification, `L3xxx`
/// lint warnings, `L9xxx` internal errors.
package struct DiagnosticCode: Hashable, Sendable, CustomStringConvertible {
    package let id: String
    package let defaultSeverity: Severity
    package let summary: String
    package let explanation: String

    package var description: String { id }

    package static func == (a: Self, b: Self) -> Bool { a.id == b.id }
    package func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// The code with this id, e.g. `L2003`, case-insensitively.
    package static func named(_ id: String) -> DiagnosticCode? {
        all.first { $0.id.caseInsensitiveCompare(id) }
    }

    // MARK: L0xxx: syntax and files

    package static let unexpectedCharacter = DiagnosticCode(
        "L0001", .error, "unexpected character",
        """
        The file contains a character that cannot start any token of the language, \
        such as `@`, `$`, a control character or a NUL byte.

            measure m1 "Bus lanes" @ {      # `@` means nothing here

        Remove the character, or put it inside a string or a comment (`# ...`).
        """)
    package static let unterminatedString = DiagnosticCode(
        "L0002", .error, "unterminated string",
        """
        A string starts with `"` but the line ends before its closing `"`. Strings \
        cannot span lines; write a long text on one line.

            measure m1 "Bus lanes {
        """)
    package static let invalidEscape = DiagnosticCode(
        "L0003", .error, "invalid escape sequence",
        """
        Inside a string, a backslash starts an escape. The valid escapes are `\\"`, \
        `\\\\`, `\\n`, `\\t` and `\\u{HEX}` (a Unicode scalar value).

            title "C:\\data"      # `\\d` is not an escape; write "C:\\\\data"
        """)
    package static let malformedID = DiagnosticCode(
        "L0004", .error, "malformed SDG id",
        """
        SDG ids are a goal number, a target number or letter, and for indicators a \
        number: `13` (goal), `13.2` or `13.a` (target), `13.2.2` or `13.a.1` \
        (indicator). Anything else, such as `13.` or `1.2.3.4` or `13.2.x`, is malformed.
        """)
    package static let invalidUTF8 = DiagnosticCode(
        "L0005", .error, "invalid UTF-8",
        """
        Lumen files are UTF-8 text. The file contains bytes that are not valid UTF-8 \
        (perhaps it was saved as Latin-1 or Windows-1252). Re-save the file as UTF-8. \
        The invalid bytes are read as U+FFFD so that the rest of the file is checked.
        """)
    package static let numberTooLarge = DiagnosticCode(
        "L0006", .error, "number too large",
        """
        An integer literal does not fit in a 64-bit signed integer.

            threshold(99999999999999999999).
        """)
    package static let tooManyErrors = DiagnosticCode(
        "L0007", .note, "too many errors in one file",
        """
        After 100 errors in one file, Lumen stops printing them and says how many \
        more it found. Fix the first ones (often one mistake causes many), then run again.
        """)
    package static let unexpectedToken = DiagnosticCode(
        "L0101", .error, "unexpected token",
        """
        The parser expected something else at this point. The message says what it \
        expected. After the error, the parser skips to the next declaration (or the \
        next item of the enclosing block) and goes on, so later errors are reported too.

            resolution r1 "Plan" {
              scope 7 13          # expected `,` between goals: `scope 7, 13`
            }
        """)
    package static let unclosedBlock = DiagnosticCode(
        "L0102", .error, "unclosed block",
        """
        A block opened with `{` is not closed before the end of the file. Add the \
        missing `}`; the secondary label shows where the block starts.
        """)
    package static let invalidSeverity = DiagnosticCode(
        "L0103", .error, "invalid severity",
        """
        A reporting rule names its severity right after its id: `error`, `warning` \
        or `info`.

            rule no-indicator fatal "..."     # write `error`
        """)
    package static let invalidPlaceholder = DiagnosticCode(
        "L0104", .error, "invalid message placeholder",
        """
        A rule's message may name variables of the rule in braces: `{M}`. A \
        placeholder must be a variable name (starting with an upper-case letter). \
        Write `{{` and `}}` for literal braces.

            rule r warning "measure {m} has no indicator" ...   # write {M}
        """)
    package static let malformedSuppression = DiagnosticCode(
        "L0105", .error, "malformed suppression",
        """
        A comment starting with `lumen:` is an instruction to Lumen. A suppression \
        names the rule and must give a reason, and may give an expiry date:

            # lumen: allow unjustified-restriction "reviewed by the ethics board, 2026-03"
            # lumen: allow unmeasured-measure "indicator agreed in the annex" until 2027-01-01

        A suppression without a reason is an error: the reason is what a reviewer reads.
        """)
    package static let useEscapesRoot = DiagnosticCode(
        "L0201", .error, "`use` path leaves the project root",
        """
        `use "path"` includes another file, relative to the including file. The path \
        must stay inside the project root (by default the common directory of the \
        paths given on the command line; `--root DIR` sets it), so that checking a \
        folder never reads files elsewhere on the machine.

            use "../../etc/secrets.lumen"
        """)
    package static let useCycle = DiagnosticCode(
        "L0202", .error, "`use` cycle",
        """
        Files include each other in a cycle (a uses b, b uses a). Move what both \
        need into a third file that both use.
        """)
    package static let unreadableFile = DiagnosticCode(
        "L0203", .error, "cannot read file",
        """
        A path given on the command line or in a `use` does not exist or cannot be \
        read. Check the spelling and the permissions.
        """)

    package static let inputLimit = DiagnosticCode(
        "L0208", .error, "input limit reached",
        """
        The input is larger than a limit allows, so Lumen stopped reading it rather \
        than exhausting memory: a file larger than `--max-file-size` (64 MiB by \
        default), all files together larger than `--max-input-size` (1024 MiB), or \
        more declarations than `--max-declarations` (1,000,000). The files named \
        in the message and those after them were not loaded. Split the corpus, or \
        raise the limit if the machine has the memory for it.
        """)

    package static let invalidResolutionDocument = DiagnosticCode(
        "L0210", .error, "invalid resolution document",
        """
        `lumen import` reads resolutions published in Akoma Ntoso (XML whose root \
        is <akomaNtoso>, one document or a <documentCollection>) or as text (.txt, \
        .md) whose operative paragraphs are numbered `1.`, `2.` .... The file is \
        not well-formed XML, is not Akoma Ntoso, has a resolution without an \
        operative paragraph, or is neither. Nothing is written for it; the other \
        files are still imported.
        """)
    package static let importedDraftEdited = DiagnosticCode(
        "L0211", .error, "imported draft would be overwritten",
        """
        `lumen import` writes one draft per resolution and never replaces a file \
        that differs from what it would write: a person may have edited it \
        (confirmed a suggestion, added a mapping). Compare the two, or pass \
        --force to replace it; a draft that is byte for byte what the import \
        writes is left as it is.
        """)
    package static let invalidFactsFile = DiagnosticCode(
        "L0209", .error, "invalid facts file",
        """
        `lumen eval --facts DIR` reads `DIR/<relation>.facts` for the relations the \
        program declares: one tuple per line, the values separated by tabs, no header \
        (the format of Soufflé's fact files). A line has a different number of values \
        than the relation has columns, an integer column holds something else, or a \
        file names no relation of the program. Fix the file, or declare the relation.

            relation advance(symbol, symbol)      # advance.facts: m1<TAB>13.2
        """)

    package static let invalidDataFile = DiagnosticCode(
        "L0212", .error, "invalid data file",
        """
        A CSV file that an indicator's account reads its observed values from \
        (`data "emissions.csv"`) cannot be read: no column of years and values \
        in its header, a year or a value that is not one, two values for one \
        year. Two layouts are read: the UN SDG Global Database's export (columns \
        `Indicator`, `SeriesCode`, `GeoAreaName`, `TimePeriod`, `Value`), whose \
        rows the account chooses with `series` and `area`, and a simple table:

            indicator,year,value
            13.2.2,2017,830
            13.2.2,2019,812
        """)
    package static let unknownPack = DiagnosticCode(
        "L0204", .error, "unknown pack",
        """
        `use pack NAME` turns on an optional pack of the standard library, such as \
        a context-specific set of interactions. The name does not match any pack; \
        the note lists them.

            use pack interactions-swedn     # did you mean `interactions-sweden`?
        """)

    package static let invalidBaseline = DiagnosticCode(
        "L0205", .error, "invalid baseline",
        """
        `--baseline FILE` reads a file written by `lumen check --write-baseline FILE`: \
        a JSON object with a `findings` array whose entries have a `fingerprint`. The \
        file is not valid JSON or does not have that shape. Write it again with \
        `--write-baseline`.
        """)

    package static let invalidConfiguration = DiagnosticCode(
        "L0206", .error, "invalid configuration",
        """
        The project file `lumen.json` (found by walking up from the working directory, \
        or given with `--config`) is a JSON object with these keys, all optional:

            {
              "paths": ["drafts"],                      // what `lumen check` checks by default
              "rules": ["team-rules"],                  // rule packs to load
              "packs": ["interactions-sweden"],         // optional packs of the standard library
              "disable": ["unmeasured-measure"],        // rules whose findings are not reported
              "severity": {"uncovered-goal": "error"},  // severity overrides
              "failOn": "warning",                      // the failure threshold
              "baseline": "lumen-baseline.json"         // report only findings not in it
            }

        Paths are relative to the file. An unknown key or a value of the wrong type is \
        an error. Command-line flags override the file.
        """)

    package static let invalidDraftFile = DiagnosticCode(
        "L0207", .error, "invalid JSON or CSV draft",
        """
        A draft exported from another tool, as JSON or CSV, does not have the expected \
        shape: malformed JSON or CSV, a value of the wrong type, an unknown key or \
        column, or a missing id. The README's section on JSON and CSV drafts shows \
        the formats. The rest of the file is still read where possible.
        """)

    // MARK: L1xxx: names and types

    package static let unknownTarget = DiagnosticCode(
        "L1001", .error, "unknown target",
        """
        The id does not name a target of the catalogue. The 169 SDG targets have ids \
        `GOAL.NUMBER` (outcome targets) and `GOAL.LETTER` (means of implementation), \
        for example `13.2` or `14.c`. `lumen catalog` lists them.

            advances 13.9      # goal 13 has targets 13.1-13.3 and 13.a-13.b
        """)
    package static let unknownIndicator = DiagnosticCode(
        "L1002", .error, "unknown indicator",
        """
        The id does not name an indicator of the catalogue. Indicator ids have the \
        form `GOAL.TARGET.NUMBER`, for example `13.2.2`.
        """)
    package static let unknownPrinciple = DiagnosticCode(
        "L1003", .error, "unknown principle",
        """
        The name does not match any declared principle. The standard library declares \
        principles such as `property`, `privacy` and `due-process`.

            restricts propery      # did you mean `property`?
        """)
    package static let unknownResolution = DiagnosticCode(
        "L1004", .error, "unknown resolution",
        """
        `implements` and rule constants must name a declared resolution. Check the \
        spelling, or load the file that declares it (a path argument or `use`).
        """)
    package static let unknownMeasure = DiagnosticCode(
        "L1005", .error, "unknown measure",
        """
        A measure is named by its resolution and its own id: `city-energy.m1`. The \
        name does not match any declared measure.
        """)
    package static let unknownRelation = DiagnosticCode(
        "L1006", .error, "unknown relation",
        """
        A fact or a rule uses a relation that is neither built in (`advances`, `in`, \
        `target-of-goal`, ...) nor declared with `relation NAME(TYPE, ...)`.

            relation tension(measure, measure)
            conflict(A, B) :- tension(A, B).    # `conflict` is not declared
        """)
    package static let unknownGoal = DiagnosticCode(
        "L1007", .error, "unknown goal",
        """
        There are 17 Sustainable Development Goals, numbered 1 to 17. The number \
        does not name a declared goal.
        """)
    package static let unknownCountry = DiagnosticCode(
        "L1008", .error, "unknown country",
        """
        A constitutional anchor or a rule names a country that is not declared with \
        `country ID "Name"`.
        """)
    package static let unknownType = DiagnosticCode(
        "L1009", .error, "unknown column type",
        """
        A relation's columns have one of these types: goal, target, indicator, \
        principle, country, resolution, measure, kind, text, integer, symbol.

            relation priority(measure, number)     # write `integer`
        """)
    package static let duplicateDeclaration = DiagnosticCode(
        "L1010", .error, "duplicate declaration",
        """
        Two declarations give the same id to two things of the same kind (two \
        targets `13.2`, two measures `m1` in one resolution, two rules with one id). \
        Ids must be unique; the note points at the first declaration.
        """)
    package static let misplacedTarget = DiagnosticCode(
        "L1011", .error, "target declared under the wrong goal",
        """
        A target's id starts with the number of its goal: target `13.2` belongs \
        inside `goal 13 { ... }`.
        """)
    package static let misplacedIndicator = DiagnosticCode(
        "L1012", .error, "indicator declared under the wrong target",
        """
        An indicator's id starts with the id of its target: indicator `13.2.2` \
        belongs inside `target 13.2 { ... }`. An indicator listed under several \
        targets is declared once, and its other ids are given with `also`.
        """)
    package static let implementsCycle = DiagnosticCode(
        "L1013", .error, "`implements` cycle",
        """
        Resolutions implement each other in a cycle. `implements` describes levels: \
        a local plan implements a national strategy, which implements an \
        international resolution; it cannot loop back.
        """)
    package static let scoreOutOfRange = DiagnosticCode(
        "L1014", .error, "interaction score out of range",
        """
        Interaction scores follow the seven-point scale of Nilsson, Griggs and \
        Visbeck (2016): +3 indivisible, +2 reinforcing, +1 enabling, 0 consistent, \
        -1 constraining, -2 counteracting, -3 cancelling.

            interaction 7.2 -> 13.2 +5 source "..."     # at most +3
        """)
    package static let unknownKind = DiagnosticCode(
        "L1017", .error, "unknown kind of measure",
        """
        A measure declares a kind (`kind carbon-tax`) that the vocabulary does not \
        define. The kinds of the standard library are in `Rules/mapping/`; \
        `lumen catalog search WORD` finds one by its name, and a rule pack may \
        define more with `kind ID "Name" { definition "..." }`.

            measure levy "Levy on fuel" {
              kind carbon-taxes      # the kind is `carbon-tax`
            }
        """)
    package static let invalidDate = DiagnosticCode(
        "L1027", .error, "invalid date",
        """
        A date in a draft (a resolution's `adopted`) is written YYYY-MM-DD, and is \
        a day of the calendar.

            resolution r "Resolution" {
              adopted "16 November 2018"   # write "2018-11-16"
            }
        """)
    package static let unknownUnit = DiagnosticCode(
        "L1028", .error, "unknown unit",
        """
        An indicator's account or a measure's effect names a unit that no `unit` \
        declaration defines. The standard library declares common ones \
        (`Rules/accounts/units.lumen`: `t-co2e`, `kt-co2e`, `percent`, `ha`, \
        `persons`...); a draft declares its own, currencies included:

            unit eur "EUR"
            unit meur "million EUR" = 1000000 eur
        """)
    package static let unitMismatch = DiagnosticCode(
        "L1029", .error, "unit mismatch",
        """
        A measure's effect on an indicator is written in a unit that does not \
        convert to the unit the resolution's account of that indicator is kept \
        in (two units convert when `unit` declarations lead both to the same \
        unit), or a rule compares or adds quantities whose units do not \
        convert (`5 percent > 3 kt-co2e`). Lumen never adds numbers of different \
        kinds.

            indicator 13.2.2 {
              unit kt-co2e
            }
            measure m "M" {
              effect 13.2.2 -5 percent by 2030   # percent is not an amount of CO2e
            }
        """)
    package static let invalidAccount = DiagnosticCode(
        "L1030", .error, "invalid account or unit",
        """
        An indicator's account holds one unit, one `better`, one baseline and one \
        target, at most one value observed in a year, and its values in years \
        from 1000 to 9999; a resolution keeps one account per indicator; a \
        `unit` converts by a positive factor to a unit that does not convert \
        back to it.

            indicator 13.2.2 {
              unit kt-co2e
              baseline 1240.5 in 2015
              observed 1201.2 in 2018
              observed 1199 in 2018   # two values for 2018
            }
        """)
    package static let invalidLocalIndicator = DiagnosticCode(
        "L1031", .error, "invalid local indicator",
        """
        An indicator a draft declares for itself (a name instead of an id of the \
        global framework) has a title and says which target it monitors, once \
        in the project; other accounts of it name it without them. An indicator \
        of the global framework takes its title and targets from the catalogue.

            indicator cycling-share "Share of trips made by bicycle" {
              monitors 11.2
              unit percent
              better higher
            }
        """)
    package static let unknownLanguage = DiagnosticCode(
        "L1026", .error, "unknown language",
        """
        A list of terms names a language that `lumen suggest` cannot read. Terms \
        are in English (`terms "..."`, or `terms en "..."`) or in French \
        (`terms fr "..."`), whose words it stems and compares.

            profile 14.6 {
              terms es "subvenciones a la pesca"   # only `en` and `fr`
            }
        """)
    package static let unknownLevel = DiagnosticCode(
        "L1018", .error, "unknown level",
        """
        A resolution names a level (`level regional`) that no `level` declaration \
        defines. The standard library declares, from the top: `international`, \
        `regional` (a group of countries, such as the European Union or the African \
        Union), `national`, `subnational` and `local` (`lumen catalog level` lists \
        them). A rule pack may add one, placed in the order with `below`:

            level district "District" below subnational
        """)
    package static let levelCycle = DiagnosticCode(
        "L1019", .error, "levels below each other in a cycle",
        """
        Each `level` declaration may name the level just above it with `below`; \
        following `below` from any level must end at the top. A cycle makes the \
        order meaningless:

            level county "County" below region
            level region "Region" below county     # a cycle
        """)
    package static let blankText = DiagnosticCode(
        "L1024", .error, "blank justification or reason",
        """
        A restriction's justification, a rejected mapping's reason and a kind's \
        rationale are what a reviewer reads; an empty or blank one says nothing, \
        so it counts as none and is an error, like a suppression without a reason.

            restricts property justified ""      # say why: "compensation at market value, Art. 14(3)"
        """)
    package static let retiredIndicator = DiagnosticCode(
        "L1025", .error, "retired indicator",
        """
        The indicator id was used by a past edition of the global indicator framework \
        and is not in the current one: the indicator was deleted, replaced or \
        renumbered. The catalogue (`retired` in `goals.lumen`) says which, and the \
        id to name now where there is one:

            indicator 17.6.2        # renumbered 17.6.1 in the 2020 comprehensive review
        """)
    package static let builtinRedeclared = DiagnosticCode(
        "L1015", .error, "built-in relation redeclared",
        """
        A `relation` declaration uses the name of a built-in relation (such as \
        `advances` or `in`). Built-in relations are always there and have fixed \
        columns; rules may add to them, but not redeclare them. Choose another name.
        """)
    package static let unknownRule = DiagnosticCode(
        "L1016", .error, "unknown rule",
        """
        A suppression names a rule id that no loaded rule has. Rule ids are stable \
        (`lumen explain` lists diagnostic codes; the README lists the standard rules).

            # lumen: allow undermined-targets "..."     # the rule is `undermined-target`
        """)
    package static let arityMismatch = DiagnosticCode(
        "L1020", .error, "wrong number of arguments",
        """
        A relation is used with a different number of arguments than it has columns.

            advances(M)        # `advances` has 2 columns: (measure, target)
        """)
    package static let typeMismatch = DiagnosticCode(
        "L1021", .error, "type mismatch",
        """
        A constant does not have the type of the column it is used in.

            advances(M, "13.2")      # a target is written 13.2, not as a string
        """)
    package static let variableTypeConflict = DiagnosticCode(
        "L1022", .error, "variable used with two types",
        """
        A variable takes its type from the columns it appears in; it appears in \
        columns of two different types, so no value could satisfy both.

            advances(M, T), restricts(M, T)    # T: target, then principle
        """)
    package static let invalidComparison = DiagnosticCode(
        "L1023", .error, "invalid comparison",
        """
        `<`, `<=`, `>` and `>=` compare integers (and goal numbers); `=` and `!=` \
        compare any two values of the same type.
        """)

    // MARK: L2xxx: safety and stratification

    package static let unsafeHeadVariable = DiagnosticCode(
        "L2001", .error, "unbound variable in rule head",
        """
        Every variable of a rule's head must be bound by a positive literal of its \
        body; otherwise the rule would derive infinitely many facts.

            covered(R, T) :- in(M, R).     # T is not bound
        """)
    package static let unsafeNegatedVariable = DiagnosticCode(
        "L2002", .error, "unbound variable in negated literal",
        """
        A variable in a `not` literal must also occur in a positive literal of the \
        same body. Use `_` for a column whose value does not matter.

            orphan(M) :- not advances(M, T).    # M and T are bound nowhere
        """)
    package static let unstratifiable = DiagnosticCode(
        "L2003", .error, "negation is not stratifiable",
        """
        A relation depends on its own negation through a cycle of rules, so there \
        is no well-defined answer. Lumen evaluates negation only against relations \
        that are complete, which requires that no cycle passes through a `not`.

            win(X) :- move(X, Y), not win(Y).

        Break the cycle: compute the negated relation from relations that do not \
        depend on the head.
        """)
    package static let unsafeComparisonVariable = DiagnosticCode(
        "L2004", .error, "unbound variable in comparison",
        """
        A comparison filters bindings; it cannot produce them. Each of its variables \
        must be bound by a positive literal.

            big(M) :- measure(M), S >= 2.      # S is not bound
        """)
    package static let unsafePlaceholder = DiagnosticCode(
        "L2005", .error, "message names an unbound variable",
        """
        A rule's message may only name variables that its body binds.

            rule r warning "{M} has no {X}" when measure(M) at M
        """)
    package static let invalidAnchor = DiagnosticCode(
        "L2006", .error, "invalid anchor",
        """
        A reporting rule ends with `at VAR`: the finding points at the declaration \
        of VAR's value. VAR must be bound by the body and be a measure, resolution, \
        goal, target, indicator, principle or country.
        """)
    package static let wildcardInHead = DiagnosticCode(
        "L2007", .error, "wildcard in rule head",
        """
        `_` matches any value in a body, but a head must say what it derives: name \
        the value with a variable bound in the body.
        """)

    package static let tupleBudgetExceeded = DiagnosticCode(
        "L2008", .error, "derived-tuple budget exhausted",
        """
        Evaluation derived more tuples than `--max-tuples` allows (20 million by \
        default), so it stopped instead of exhausting memory. This usually means a \
        rule joins more than intended, such as a cross product of two large \
        relations or a recursion that builds ever longer chains. The message names \
        the relation that grew most and a rule deriving it. Fix the rule, or raise \
        the budget with `--max-tuples N` if the program really needs more.
        """)

    package static let evaluationTimeout = DiagnosticCode(
        "L2009", .error, "time limit reached",
        """
        The run took longer than `--timeout` allows (600 seconds by default, for \
        reading, checking and evaluating together), so it stopped. When evaluation \
        was running, the message names the rule that was. A rule that runs \
        this long usually joins more than intended (a cross product of large \
        relations, or literals in an order that binds nothing early); `--stats` \
        shows per rule how long it took and how its literals were read. Fix the \
        rule, or raise the limit with `--timeout SECONDS`.
        """)
    package static let invalidSuggestion = DiagnosticCode(
        "L2010", .error, "invalid `suggest`",
        """
        A reporting rule may end with `suggest M` after its anchor: each finding \
        then lists the targets `lumen suggest` finds for the measure M, from its \
        title and description. M must be the anchor or a variable of the message, \
        and a measure.

            rule unmapped-measure warning "{M} advances no SDG target"
              when measure(M), not advances(M, _)
              at M
              suggest M
        """)
    package static let aggregateInRecursion = DiagnosticCode(
        "L2011", .error, "aggregate inside recursion",
        """
        A rule with an aggregate (`count`, `sum`, `min`, `max`) is evaluated once \
        the relations of its body are complete, so no relation of its body may \
        depend on the relation it computes.

            reach(A, count) :- edge(A, B), reach(B, _).   # reach counts itself

        Compute the aggregate from relations that do not depend on its head.
        """)
    package static let invalidAggregate = DiagnosticCode(
        "L2012", .error, "invalid aggregate",
        """
        An aggregate fills one column of a rule's head with `count` (the matches \
        of the body, each combination of facts once), or the `sum`, `min` or \
        `max` of an integer variable over them, per binding of the head's other \
        variables:

            relation reinforcing(set: symbol, from: target, total: integer)
            reinforcing(X, A, sum S) :- interaction-in(X, A, _, S), S > 0.

        A head has at most one aggregate, a fact has none (there is nothing to \
        aggregate), and the relation it computes has no other rule or fact. \
        `count` gives an integer; `sum`, `min` and `max` of an integer are \
        integers, and of a `quantity` (an exact decimal with its unit) a \
        quantity, in the unit of the values it reads, converted.
        """)
    package static let invalidArithmetic = DiagnosticCode(
        "L2013", .error, "invalid arithmetic",
        """
        Arithmetic (`+`, `-`, `*`, `/`) works on numbers: integers, and \
        quantities (exact decimals with their unit, `12.5 kt-co2e`, or none, \
        `0.95`). It may stand on either side of a comparison, or as an argument \
        of a rule's head, which then computes a value:

            relation gap(r: resolution, i: indicator, gap: quantity)
            gap(R, I, T - L) :- account-value(R, I, target, _, T), account-value(R, I, baseline, _, L).

        Not in a fact, nor in an argument of a literal of the body (compare with \
        `=` instead); integers give an integer except by `/`, which gives a \
        quantity (9 decimal places, halves away from zero); a column of integers \
        takes no quantity; and a relation computed this way is filled by such \
        rules only, none of whose body may depend on it (a value computed inside \
        recursion could grow without end).
        """)
    package static let arithmeticWithoutResult = DiagnosticCode(
        "L2014", .warning, "arithmetic without a result",
        """
        During evaluation, a comparison or a computed value met numbers it could \
        not combine: quantities in units that do not convert (their units came \
        from facts, so the check could not see it), a division by zero, or a \
        result past 18 digits. The comparison was taken as false and the value \
        was not derived, so some findings may be missing; the message names the \
        rule, how often it happened, and the first values.
        """)

    // MARK: L3xxx: lint warnings

    package static let singletonVariable = DiagnosticCode(
        "L3001", .warning, "variable used only once",
        """
        A variable that occurs once in a rule joins nothing; it is usually a typo. \
        Write `_` if the value does not matter.

            covered(R) :- in(M, R), advances(Mx, _).    # Mx: did you mean M?
        """)
    package static let emptyRelation = DiagnosticCode(
        "L3002", .warning, "relation is always empty",
        """
        A declared relation has no facts and no rule derives it, so every literal \
        that uses it fails (and every `not` of it succeeds).
        """)

    package static let unusedSuppression = DiagnosticCode(
        "L3003", .warning, "suppression suppresses nothing",
        """
        A `# lumen: allow RULE "reason"` comment stands before (or on) a line where \
        the rule reports nothing. The problem may have been fixed, or the comment \
        stands in the wrong place: it applies to the findings that point at the line \
        it is on or at the next line with code. Remove it, or move it.
        """)
    package static let expiredSuppression = DiagnosticCode(
        "L3004", .warning, "suppression expired",
        """
        A suppression's `until` date has passed, so it no longer applies and the \
        findings it hid are reported again. Fix them, or renew the suppression with \
        a new reason and date.
        """)

    // MARK: L9xxx: internal

    package static let internalError = DiagnosticCode(
        "L9001", .error, "internal error",
        """
        Lumen reached a state it considers impossible. This is a bug in Lumen, not in \
        your files; please report it with the input that caused it.
        """)

    /// Every code, sorted by id.
    package static let all: [DiagnosticCode] = [
        unexpectedCharacter, unterminatedString, invalidEscape, malformedID, invalidUTF8,
        numberTooLarge, tooManyErrors, unexpectedToken, unclosedBlock, invalidSeverity, invalidPlaceholder,
        malformedSuppression,
        useEscapesRoot, useCycle, unreadableFile, unknownPack, invalidBaseline, invalidConfiguration, invalidDraftFile, inputLimit, invalidFactsFile, invalidResolutionDocument, importedDraftEdited, invalidDataFile,
        unknownTarget, unknownIndicator, unknownPrinciple, unknownResolution, unknownMeasure,
        unknownRelation, unknownGoal, unknownCountry, unknownType, duplicateDeclaration,
        misplacedTarget, misplacedIndicator, implementsCycle, scoreOutOfRange,
        builtinRedeclared, unknownRule, unknownKind, unknownLevel, levelCycle, arityMismatch, typeMismatch, variableTypeConflict, invalidComparison, blankText, retiredIndicator, unknownLanguage, invalidDate, unknownUnit,
        unitMismatch, invalidAccount, invalidLocalIndicator,
        unsafeHeadVariable, unsafeNegatedVariable, unstratifiable, unsafeComparisonVariable,
        unsafePlaceholder, invalidAnchor, wildcardInHead, tupleBudgetExceeded, evaluationTimeout, invalidSuggestion, aggregateInRecursion,
        invalidAggregate, invalidArithmetic, arithmeticWithoutResult,
        singletonVariable, emptyRelation, unusedSuppression, expiredSuppression,
        internalError,
    ]

    private init(_ id: String, _ severity: Severity, _ summary: String, _ explanation: String) {
        self.id = id
        self.defaultSeverity = severity
        self.summary = summary
        self.explanation = explanation
    }
}

extension String {
    fileprivate func caseInsensitiveCompare(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }
}
