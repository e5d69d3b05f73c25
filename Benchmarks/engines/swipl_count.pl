% coherence-bench in SWI-Prolog with tabling: reads DIR/*.facts, prints
% `relation<TAB>count` for each derived relation, sorted by name.
% Usage: swipl swipl_count.pl DIR
% Every derived relation is tabled (so each is a set); the two that negations
% ask with their arguments bound are tabled as subsumptive, so that those calls
% read the one complete table instead of making a table each. Fields are read
% as atoms (a target id such as 8.10 is not the number 8.1); the integer
% columns are converted.
:- initialization(main, main).

% Tables hold every derived tuple: 7 million of `tension` at a million measures,
% more than the default 1 GB of table space.
:- set_prolog_flag(table_space, 16_000_000_000).

:- dynamic goal_id/1, target_of/2, principle_id/1, impact/3, resolution_id/1, scope_of/2, parent/2,
   measure_of/2, advance/2, undermine/2, restrict/2, justify/2, has_indicator/1.

:- table direct_conflict/4, tension/5, reach/2, indirect/2, covered/2 as subsumptive, scope_gap/2,
   has_advance/1 as subsumptive, orphan/1, unjustified/2, unmeasurable/1, vertical_conflict/4.

direct_conflict(R,M,N,T) :- measure_of(M,R), measure_of(N,R), advance(M,T), undermine(N,T), M \== N.
tension(R,M,N,T1,T2) :- measure_of(M,R), measure_of(N,R), M \== N, advance(M,T1), advance(N,T2),
    impact(T1,T2,S), S =< -2.
reach(T1,T2) :- impact(T1,T2,S), S >= 2.
reach(T1,T3) :- reach(T1,T2), impact(T2,T3,S), S >= 2.
indirect(T1,T3) :- reach(T1,T2), impact(T2,T3,S), S =< -2.
covered(R,T) :- measure_of(M,R), advance(M,T).
scope_gap(R,T) :- scope_of(R,G), target_of(T,G), \+ covered(R,T).
has_advance(M) :- advance(M,_).
orphan(M) :- measure_of(M,_), \+ has_advance(M).
unjustified(M,P) :- restrict(M,P), \+ justify(M,P).
unmeasurable(M) :- measure_of(M,_), has_advance(M), \+ has_indicator(M).
vertical_conflict(R,Rp,N,T) :- parent(R,Rp), measure_of(N,R), undermine(N,T), measure_of(M,Rp), advance(M,T).

% Base relations: name, arity, and which columns hold integers.
base(goal_id, 1, [1]).  base(target_of, 2, [2]).  base(principle_id, 1, []).  base(impact, 3, [3]).
base(resolution_id, 1, []).  base(scope_of, 2, [2]).  base(parent, 2, []).  base(measure_of, 2, []).
base(advance, 2, []).  base(undermine, 2, []).  base(restrict, 2, []).  base(justify, 2, []).
base(has_indicator, 1, []).

% Derived relations in the order their strata allow (a negated relation is complete before it is read).
derived([covered/2, has_advance/1, reach/2, direct_conflict/4, tension/5, indirect/2, scope_gap/2,
         orphan/1, unjustified/2, unmeasurable/1, vertical_conflict/4]).

load(Directory) :-
    forall(base(Name, Arity, Integers),
           ( atomic_list_concat([Directory, '/', Name, '.facts'], File),
             forall(csv_read_file_row(File, Row, [separator(0'\t), convert(false), functor(Name), arity(Arity)]),
                    ( numbers(Integers, Row), assertz(Row) )) )).

numbers([], _).
numbers([I|Is], Row) :- arg(I, Row, Atom), atom_number(Atom, Number), nb_setarg(I, Row, Number), numbers(Is, Row).

main([Directory]) :-
    load(Directory),
    derived(Relations),
    findall(Name-Count, ( member(Name/Arity, Relations), functor(Head, Name, Arity),
                          aggregate_all(count, Head, Count) ), Counts),
    keysort(Counts, Sorted),
    forall(member(Name-Count, Sorted), format("~w\t~d~n", [Name, Count])).
