#!/usr/bin/env python3
"""Writes N Akoma Ntoso resolutions of P operative paragraphs each into DIR, for
measuring `lumen import` (made-up text, the markup of the test fixtures).

Usage: generate.py N DIR [P]
"""
import os, random, sys

SUBJECTS = ["low emission zones", "protected cycle lanes", "social housing", "drinking water connections",
            "wastewater treatment", "rooftop solar panels", "school meals", "flood barriers",
            "early warning of storms", "tree planting", "recycling of packaging", "adult literacy classes"]
VERBS = ["to create", "to invest in", "to extend", "to plan", "to report each year on", "to fund"]

def paragraph(rng, number):
    points = ""
    if number % 5 == 0:
        points = "".join(
            f'<point eId="para_{number}__point_{c}"><num>{c})</num><content><p>{rng.choice(VERBS)} '
            f'{rng.choice(SUBJECTS)};</p></content></point>' for c in "abc")
    return (f'<paragraph eId="para_{number}"><num>{number}</num><content><p>{rng.choice(VERBS)} '
            f'{rng.choice(SUBJECTS)} in member cities, with {rng.choice(SUBJECTS)} where they help;</p></content>'
            f'{points}</paragraph>')

def resolution(rng, number, paragraphs):
    body = "".join(paragraph(rng, p) for p in range(1, paragraphs + 1))
    cite = f"<recitals><recital><p><i>recalling</i> Resolution {number - 1} (Lisbon, 2026),</p></recital></recitals>" if number > 1 else ""
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <statement name="resolution">
    <meta><identification source="#bench"><FRBRWork>
      <FRBRthis value="/akn/un/statement/resolution/bench/2026-05-12/res-{number}/!main"/>
      <FRBRdate date="2026-05-12" name="adoption"/><FRBRauthor href="#bench"/><FRBRcountry value="un"/>
      <FRBRnumber value="res-{number}"/>
    </FRBRWork></identification>
    <references source="#bench"><TLCOrganization eId="bench" href="/akn/ontology/organizations/bench" showAs="Benchmark Conference"/></references></meta>
    <preface><p><docType>Resolution</docType> <docNumber>{number}</docNumber> <docTitle>Resolution {number}</docTitle></p></preface>
    <preamble>{cite}</preamble>
    <mainBody><hcontainer eId="resolves" name="resolves">{body}</hcontainer></mainBody>
  </statement>
</akomaNtoso>
'''

def main():
    count, directory = int(sys.argv[1]), sys.argv[2]
    paragraphs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    rng = random.Random(1)
    os.makedirs(directory, exist_ok=True)
    for number in range(1, count + 1):
        with open(os.path.join(directory, f"res-{number:04d}.xml"), "w", encoding="utf-8") as f:
            f.write(resolution(rng, number, paragraphs))

if __name__ == "__main__":
    main()
