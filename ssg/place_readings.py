"""How 吉林's place names are read where pypinyin reads them otherwise (ssg/slugs.py new_slug,
which also orders the 知识库's topics: ssg/derive/knowledge.py).

pypinyin reads a polyphone by the phrases it knows and, failing one, by the character's most
common reading: 长岭 and 长白 come out zhang-ling and zhang-bai (长 as in 市长), 朝阳 zhao-yang
(朝阳, "the morning sun"), 珲春 hui-chun. Those are counties and districts whose sites ssg
builds (ARCHITECTURE §2.1 `province: 吉林`), and citizens read their slugs in URLs. Each
entry is the standard reading of the name (the official romanisations Changling, Changbai,
Chaoyang, Hunchun, Changchun, Changbaishan).

A place name also wins over a phrase of pypinyin's that takes its first character from the
word before it (2026年长春市: 年长; 吉林省长白山: 省长; 松原市长岭县: 市长), which is why 长春
and 长白山 are here although pypinyin reads them right on their own. It does not where one
of pypinyin's phrases starts inside it and runs on (市长春节慰问: 春节), and a longer entry
wins over a shorter one (朝阳产业, "sunrise industry", keeps its zhao).

The other county-level names of 吉林 (乾安, 洮南, 镇赉, 磐石, 蛟河, 桦甸 …) have no
polyphone that pypinyin misreads: tests/test_slugs.py holds the whole list.
"""

from __future__ import annotations

# name -> syllables, one per character, as pypinyin's NORMAL style writes them (ü as v)
PLACE_READINGS: dict[str, str] = {
    "长春": "chang chun",  # 长春市
    "长岭": "chang ling",  # 松原市长岭县
    "长白": "chang bai",  # 白山市长白朝鲜族自治县
    "长白山": "chang bai shan",  # in 抚松, 安图 and 长白
    "朝阳": "chao yang",  # 长春市朝阳区; 辉南县朝阳镇
    "珲春": "hun chun",  # 延边朝鲜族自治州珲春市
    # Not places: the word 朝阳 ("the morning sun") in the phrases government titles use it in.
    "朝阳产业": "zhao yang chan ye",
    "朝阳行业": "zhao yang hang ye",
}
