"""Places that credit lines put beside people ("from Kabul, Afghanistan", "Rialto, Calif."). Pure.

A short gazetteer (countries and regions, U.S. states with their AP and postal abbreviations,
frequent datelines) and the words that make a phrase a place ("Helmand Province", "Orange
County"). It keeps places out of contributor lists; it does not try to know every place.
"""

from __future__ import annotations

import re


def _entries(block: str) -> frozenset[str]:
    return frozenset(" ".join(e.split()) for e in block.split(",") if e.strip())


_COUNTRIES = _entries(
    """afghanistan, albania, algeria, andorra, angola, argentina, armenia, australia, austria,
    azerbaijan, bahamas, bahrain, bangladesh, barbados, belarus, belgium, belize, benin, bhutan,
    bolivia, bosnia, botswana, brazil, brunei, bulgaria, burkina faso, burma, burundi, cambodia,
    cameroon, canada, chad, chile, china, colombia, comoros, congo, costa rica, croatia, cuba,
    cyprus, czech republic, czechia, denmark, djibouti, dominica, dominican republic, ecuador,
    egypt, el salvador, england, eritrea, estonia, eswatini, ethiopia, fiji, finland, france,
    gabon, gambia, georgia, germany, ghana, greece, grenada, guatemala, guinea, guyana, haiti,
    honduras, hungary, iceland, india, indonesia, iran, iraq, ireland, israel, italy,
    ivory coast, jamaica, japan, jordan, kazakhstan, kenya, kosovo, kuwait, kyrgyzstan, laos,
    latvia, lebanon, lesotho, liberia, libya, liechtenstein, lithuania, luxembourg, madagascar,
    malawi, malaysia, maldives, mali, malta, mauritania, mauritius, mexico, moldova, monaco,
    mongolia, montenegro, morocco, mozambique, myanmar, namibia, nepal, netherlands,
    new zealand, nicaragua, niger, nigeria, north korea, north macedonia, northern ireland,
    norway, oman, pakistan, palestine, panama, papua new guinea, paraguay, peru, philippines,
    poland, portugal, qatar, romania, russia, rwanda, saudi arabia, scotland, senegal, serbia,
    sierra leone, singapore, slovakia, slovenia, somalia, south africa, south korea,
    south sudan, spain, sri lanka, sudan, suriname, sweden, switzerland, syria, taiwan,
    tajikistan, tanzania, thailand, togo, tonga, trinidad, tunisia, turkey, turkmenistan,
    uganda, ukraine, united arab emirates, united kingdom, united states, uruguay, uzbekistan,
    vatican, venezuela, vietnam, wales, west bank, gaza, yemen, zambia, zimbabwe, britain,
    great britain, us, uk, usa, uae, africa, asia, europe, antarctica, middle east,
    latin america, north america, south america, central america, caribbean, balkans,
    persian gulf, scandinavia, siberia, crimea, kashmir, tibet, xinjiang, hong kong, macau,
    kurdistan, catalonia, puerto rico, guam"""
)
_US_STATES = _entries(
    """alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, florida,
    hawaii, idaho, illinois, indiana, iowa, kansas, kentucky, louisiana, maine, maryland,
    massachusetts, michigan, minnesota, mississippi, missouri, montana, nebraska, nevada,
    new hampshire, new jersey, new mexico, new york, north carolina, north dakota, ohio,
    oklahoma, oregon, pennsylvania, rhode island, south carolina, south dakota, tennessee,
    texas, utah, vermont, virginia, washington, west virginia, wisconsin, wyoming,
    district of columbia"""
)
# AP style state abbreviations, compared without their periods ("Calif." -> "calif")
_STATE_ABBREVIATIONS = _entries(
    """ala, ariz, ark, calif, colo, conn, del, fla, ga, ill, ind, kan, kans, ky, la, md, mass,
    mich, minn, miss, mo, mont, neb, nev, nh, nj, nm, ny, nc, nd, okla, ore, pa, ri, sc, sd,
    tenn, vt, va, wash, wva, wis, wisc, wyo, dc"""
)
_CITIES = _entries(
    """kabul, kandahar, islamabad, karachi, lahore, peshawar, new delhi, delhi, mumbai, kolkata,
    chennai, bangalore, dhaka, kathmandu, colombo, tehran, baghdad, basra, erbil, mosul,
    damascus, aleppo, homs, beirut, amman, jerusalem, tel aviv, gaza city, ramallah, cairo,
    alexandria, riyadh, jidda, jeddah, dubai, abu dhabi, doha, kuwait city, manama, muscat,
    sanaa, aden, ankara, istanbul, tripoli, benghazi, tunis, algiers, rabat, casablanca,
    khartoum, addis ababa, nairobi, mogadishu, kampala, kigali, kinshasa, lagos, abuja, accra,
    dakar, johannesburg, cape town, pretoria, harare, luanda, moscow, st petersburg, kyiv, kiev,
    minsk, warsaw, berlin, munich, frankfurt, hamburg, vienna, prague, budapest, bucharest,
    sofia, belgrade, zagreb, sarajevo, athens, rome, milan, naples, vatican city, madrid,
    barcelona, lisbon, paris, marseille, brussels, amsterdam, the hague, geneva, zurich, bern,
    london, manchester, edinburgh, dublin, belfast, oslo, stockholm, copenhagen, helsinki,
    reykjavik, tallinn, riga, vilnius, beijing, shanghai, guangzhou, shenzhen, wuhan, chengdu,
    taipei, tokyo, osaka, seoul, pyongyang, hanoi, ho chi minh city, saigon, bangkok,
    phnom penh, vientiane, yangon, rangoon, manila, jakarta, kuala lumpur, sydney, melbourne,
    canberra, auckland, wellington, ottawa, toronto, montreal, vancouver, mexico city, havana,
    caracas, bogota, lima, quito, santiago, buenos aires, montevideo, sao paulo,
    rio de janeiro, brasilia, la paz, managua, san jose, panama city, san salvador,
    tegucigalpa, guatemala city, port-au-prince, santo domingo, kingston, san juan,
    washington, los angeles, san francisco, chicago, boston, philadelphia, houston, dallas,
    austin, san antonio, miami, atlanta, seattle, denver, phoenix, las vegas, detroit,
    cleveland, baltimore, pittsburgh, minneapolis, st louis, new orleans, nashville,
    charlotte, orlando, tampa, jacksonville, sacramento, san diego, oakland, portland,
    salt lake city, albany, honolulu, anchorage, milwaukee, cincinnati, columbus,
    indianapolis, kansas city, memphis, richmond, raleigh, des moines, omaha, oklahoma city,
    tucson, albuquerque, el paso, fort worth, newark, brooklyn, queens, the bronx, bronx,
    manhattan, staten island, long island, silicon valley, capitol hill, white house,
    the white house, pentagon, the pentagon, wall street, hollywood, new york city"""
)
PLACES = _COUNTRIES | _US_STATES | _STATE_ABBREVIATIONS | _CITIES
_PLACE_WORDS = frozenset(
    "province provinces county counties city state region district territory island islands "
    "valley bay beach heights springs village township governorate prefecture oblast "
    "peninsula strait coast river lake mountains borough parish".split()
)
DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec morning afternoon evening".split()
)
_MAX_WORDS = max(len(p.split()) for p in PLACES)


def place_key(text: str) -> str:
    """Lower case, no periods or commas, single spaces: "Calif." -> "calif", "St. Louis"."""
    return " ".join(re.sub(r"[.,;:]", " ", text.casefold().replace(".", "")).split())


def is_place(text: str) -> bool:
    """A known place ("Afghanistan", "Calif.", "New York"), a list of them ("Rialto, Calif."
    counts when its last part is known) or a phrase ending in a place word ("Helmand
    Province")."""
    key = place_key(text)
    if not key:
        return False
    if key in PLACES:
        return True
    words = key.split()
    if words[-1] in _PLACE_WORDS and len(words) <= 4:
        return True
    parts = [place_key(p) for p in text.split(",") if p.strip()]
    return len(parts) > 1 and parts[-1] in PLACES


def trailing_place(words: list[str]) -> int:
    """How many of the last words form a known place (0 when they do not): the longest match."""
    for size in range(min(_MAX_WORDS, len(words)), 0, -1):
        if place_key(" ".join(words[-size:])) in PLACES:
            return size
    return 0


def leading_place(words: list[str]) -> int:
    """How many of the first words form a known place (0 when they do not): the longest match."""
    for size in range(min(_MAX_WORDS, len(words)), 0, -1):
        if place_key(" ".join(words[:size])) in PLACES:
            return size
    return 0
