"""The prose reader: what the words of a report state, as statements about counts.

The statement model. A report's prose is read as statements of the form

    (who) did (what) to (how many of which things), [of which (parts)], [in (which scope)]

and a figure becomes a fact only when every slot agrees with the vocabulary of record.md:

- *how many*: a count with its unit (numbers.py: Arabic, Chinese numerals, 万, approximations, a unit or a
  statistics row's label), or a stated zero (zeros.py: 没有收到…, …:无, a bare 无 answering its heading);
- *what* and *which things*: the verb and the object decide the concept (concepts.py, channels.py):
  答复 is not 收到, 主动公开…信息 by one named channel is that channel, 咨询 is consultations;
- *who* and *scope*: the body's own figure for the report year, not a sub-unit's (县政府公开办…), another
  service's (12345, 窗口), a topical subset's (重点领域), a cumulative or another year's (mentions.py reads
  the clause and the sentence before; extract.py drops a later, smaller figure said of a sub-unit);
- *parts*: a total followed by 其中 / 包括 / 主要类别有 / a comma list of counts of the same unit, in the
  same sentence or the next one, gives its breakdown; brackets hold notes (含上年结转…), not parts;
- *topic*: a sentence inherits its topic from the sentence before it and from the headings above it
  (headings.py finds every heading, at a line start or run on after a sentence; kinds.py names a
  heading's topics), which is how 已办结70件 under 三、依申请公开 counts requests.

textview.py gives the prose as paragraphs with the tables left out and a map back to document offsets;
every fact's evidence points into Document.text.
"""
