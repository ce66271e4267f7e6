"""Shared helpers of the corpus generators: fonts, names, dates, check digits.

Every random choice goes through a `random.Random` seeded from a string
(seed, source, index), so that one item never depends on how many others
were drawn before it: the same seed gives byte-identical files whatever
--count or --split says.
"""
import os
import random

from PIL import ImageFont

FONT_DIRS = {
    "ocrb": "/usr/share/fonts/opentype/ocr-b/OCRB.otf",
    "dejavu_mono": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "dejavu_mono_bold": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
    "liberation_mono": "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",
    "liberation_mono_bold": "/usr/share/fonts/truetype/liberation/LiberationMono-Bold.ttf",
    "freemono": "/usr/share/fonts/truetype/freefont/FreeMono.ttf",
    "freemono_bold": "/usr/share/fonts/truetype/freefont/FreeMonoBold.ttf",
    "nimbus_mono": "/usr/share/fonts/opentype/urw-base35/NimbusMonoPS-Regular.otf",
    "nimbus_mono_bold": "/usr/share/fonts/opentype/urw-base35/NimbusMonoPS-Bold.otf",
    "noto_mono": "/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf",
    "noto_mono_bold": "/usr/share/fonts/truetype/noto/NotoSansMono-Bold.ttf",
    # Dev-split MRZ fonts added for the trusted-misread work (issue 15): no
    # reader template, fixture or earlier tuning used them, so on the dev side
    # they stand for "a font the reader has never seen".
    "courier_prime": "/usr/share/fonts/opentype/courier-prime/Courier Prime.otf",
    "courier_prime_bold": "/usr/share/fonts/opentype/courier-prime/Courier Prime Bold.otf",
    "fira_code": "/usr/share/fonts/truetype/firacode/FiraCode-Regular.ttf",
    "fira_code_bold": "/usr/share/fonts/truetype/firacode/FiraCode-Bold.ttf",
    "anonymous_pro": "/usr/share/fonts/truetype/anonymous-pro/Anonymous Pro.ttf",
    "anonymous_pro_bold": "/usr/share/fonts/truetype/anonymous-pro/Anonymous Pro B.ttf",
    "b612_mono": "/usr/share/fonts/opentype/b612/B612Mono-Regular.otf",
    "b612_mono_bold": "/usr/share/fonts/opentype/b612/B612Mono-Bold.otf",
    # Dev-split MRZ fonts of the page-c sources (issue 15, second round): programming
    # monospaces like the test fonts, never seen by a template or a fixture.
    "hermit": "/usr/share/fonts/truetype/hermit/Hermit-medium.otf",
    "hermit_bold": "/usr/share/fonts/truetype/hermit/Hermit-bold.otf",
    "agave": "/usr/share/fonts/truetype/agave/agave-r-autohinted.ttf",
    "agave_bold": "/usr/share/fonts/truetype/agave/agave-b-autohinted.ttf",
    "league_mono": "/usr/share/fonts/opentype/league-mono/LeagueMono-Regular.otf",
    "league_mono_bold": "/usr/share/fonts/opentype/league-mono/LeagueMono-Bold.otf",
    "fantasque": "/usr/share/fonts/opentype/fantasque-sans/Normal/OTF/FantasqueSansMono-Regular.otf",
    "fantasque_bold": "/usr/share/fonts/opentype/fantasque-sans/Normal/OTF/FantasqueSansMono-Bold.otf",
    # Dev-split MRZ fonts of the thirteenth round (issue 15): four more monospaces
    # no template, fixture or earlier round saw, drawn to measure before tuning
    # (3270 and Monofur have no bold: the regular face stands in).
    "monoid": "/usr/share/fonts/truetype/monoid/Monoid-Regular.ttf",
    "monoid_bold": "/usr/share/fonts/truetype/monoid/Monoid-Bold.ttf",
    "ibm3270": "/usr/share/fonts/truetype/3270/3270-Regular.ttf",
    "ibm3270_bold": "/usr/share/fonts/truetype/3270/3270-Regular.ttf",
    "monofur": "/usr/share/fonts/truetype/monofur/monof55.ttf",
    "monofur_bold": "/usr/share/fonts/truetype/monofur/monof55.ttf",
    "cousine": "/usr/share/fonts/truetype/croscore/Cousine-Regular.ttf",
    "cousine_bold": "/usr/share/fonts/truetype/croscore/Cousine-Bold.ttf",
    "arimo": "/usr/share/fonts/truetype/croscore/Arimo-Regular.ttf",
    "arimo_bold": "/usr/share/fonts/truetype/croscore/Arimo-Bold.ttf",
    "tinos": "/usr/share/fonts/truetype/croscore/Tinos-Regular.ttf",
    "tinos_bold": "/usr/share/fonts/truetype/croscore/Tinos-Bold.ttf",
    # Test-split MRZ fonts: none of them was used while tuning the MRZ reader.
    "hack": "/usr/share/fonts/truetype/hack/Hack-Regular.ttf",
    "hack_bold": "/usr/share/fonts/truetype/hack/Hack-Bold.ttf",
    "jetbrains_mono": "/usr/share/fonts/truetype/jetbrains-mono/JetBrainsMono-Regular.ttf",
    "jetbrains_mono_bold": "/usr/share/fonts/truetype/jetbrains-mono/JetBrainsMono-Bold.ttf",
    "mononoki": "/usr/share/fonts/truetype/mononoki/mononoki-Regular.ttf",
    "mononoki_bold": "/usr/share/fonts/truetype/mononoki/mononoki-Bold.ttf",
    "dejavu_sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "dejavu_sans_bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "liberation_sans": "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "liberation_sans_bold": "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    # Dev licence fronts of the `front-shapes` source (issue 15): no test source uses them.
    "b612": "/usr/share/fonts/opentype/b612/B612-Regular.otf",
    "b612_bold": "/usr/share/fonts/opentype/b612/B612-Bold.otf",
    "dejavu_condensed": "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
    "dejavu_condensed_bold": "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf",
    "liberation_narrow": "/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Regular.ttf",
    "liberation_narrow_bold": "/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Bold.ttf",
    "liberation_serif": "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "liberation_serif_bold": "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
    "freesans": "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    "freesans_bold": "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf",
    "nimbus_sans": "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf",
    "nimbus_sans_bold": "/usr/share/fonts/opentype/urw-base35/NimbusSans-Bold.otf",
    "nimbus_roman": "/usr/share/fonts/opentype/urw-base35/NimbusRoman-Regular.otf",
    "nimbus_roman_bold": "/usr/share/fonts/opentype/urw-base35/NimbusRoman-Bold.otf",
    "urw_gothic": "/usr/share/fonts/opentype/urw-base35/URWGothic-Book.otf",
    "urw_gothic_bold": "/usr/share/fonts/opentype/urw-base35/URWGothic-Demi.otf",
}

_font_cache = {}


def font_path(name):
    path = FONT_DIRS[name]
    if not os.path.exists(path):
        # Not SystemExit: a worker process must report it, not hang the pool.
        raise FileNotFoundError(f"font {name} missing ({path}): run scripts/install-ocr --bench")
    return path


def font(name, size):
    key = (name, size)
    if key not in _font_cache:
        _font_cache[key] = ImageFont.truetype(font_path(name), size)
    return _font_cache[key]


def bold(name):
    """The bold face of a family where one exists, else the face itself."""
    return name + "_bold" if name + "_bold" in FONT_DIRS else name


def rng_for(*parts):
    return random.Random("-".join(str(p) for p in parts))


FIRST = ["HOMER", "MARGE", "ANNA", "JOHN", "MARIA", "JOSE", "LI", "AISHA", "OLIVER", "SOFIA",
         "DMITRI", "CHLOE", "MOHAMMED", "GRACE", "LUCAS", "YUKI", "PRIYA", "NOAH", "EMMA", "ZOE"]
# Test-split names: disjoint from the dev names, so that nothing learnt about
# the dev names (dictionary hints, lengths) helps on the test split.
FIRST_TEST = ["BEATRIZ", "KWAME", "INGRID", "TOMASZ", "FATIMA", "RAJESH", "MEI", "OSWALDO",
              "HELGA", "CIARAN", "NADIA", "VIKTOR", "AMARA", "TEODORO", "SAOIRSE", "HIROSHI"]
LAST = ["SIMPSON", "ERIKSSON", "PUBLIC", "GARCIA", "NGUYEN", "OKAFOR", "MUELLER", "OBRIEN",
        "SMITH", "KOWALSKI", "JOHNSON", "RODRIGUEZ", "TANAKA", "PATEL", "BROWN", "VAN DYKE"]
LAST_TEST = ["ABERNATHY", "QUISPE", "LINDGREN", "OYELARAN", "DELACROIX", "WOJCIK", "MCALLISTER",
             "HAKIMI", "FITZGERALD", "YAMAMOTO", "BERGSTROM", "DE LA CRUZ", "ACHTERBERG", "NAKASHIMA"]
MIDDLE = ["JAY", "Q", "ANN", "", "LEE"]
MIDDLE_TEST = ["ROSE", "", "K", "EMILIO", ""]
STREETS = ["742 EVERGREEN TERRACE", "2300 WEST BROAD STREET", "1 MAIN ST", "55 OAK AVE APT 4",
           "1600 PENNSYLVANIA AVE NW", "12 ELM ROAD", "900 LAKE SHORE DR UNIT 12B", "4 PINE LN"]
STREETS_TEST = ["3187 CEDAR HOLLOW RD", "15 N WASHINGTON BLVD STE 200", "880 RIVERBEND PKWY",
                "21 HARBOR VIEW CT", "4402 W MAGNOLIA AVE APT 7C", "9 QUARRY HILL DR"]
CITIES = ["SPRINGFIELD", "RICHMOND", "AUSTIN", "PORTLAND", "DENVER", "MIAMI", "CHICAGO", "BOSTON"]
CITIES_TEST = ["TALLAHASSEE", "BOISE", "LITTLE ROCK", "SANTA FE", "DES MOINES", "OLYMPIA"]
US = [("636053", "TN"), ("636000", "VA"), ("636015", "TX"), ("636014", "CA"), ("636001", "NY"),
      ("636010", "FL"), ("636020", "CO"), ("636035", "IL"), ("636029", "OR"), ("636045", "WA"),
      ("636055", "GA"), ("636023", "OH"), ("636025", "PA"), ("636032", "MI"), ("636026", "AZ")]
CA = [("636012", "ON", "TORONTO", "M5E1E5"), ("636028", "BC", "VANCOUVER", "V6B1A1"),
      ("604432", "AB", "CALGARY", "T2P2M5"), ("604428", "QC", "MONTREAL", "H3B1A7")]
NATS = ["UTO", "USA", "GBR", "FRA", "DEU", "CAN", "MEX", "IND", "JPN", "NLD"]
NATS_TEST = ["BRA", "NOR", "KEN", "POL", "PHL", "IRL", "ZAF", "ESP", "KOR", "AUS"]


def names(split):
    """(first, last, middle) pools of a split."""
    if split == "test":
        return FIRST_TEST, LAST_TEST, MIDDLE_TEST
    return FIRST, LAST, MIDDLE


def places(split):
    if split == "test":
        return STREETS_TEST, CITIES_TEST
    return STREETS, CITIES


def iso(y, m, d):
    return f"{y:04d}-{m:02d}-{d:02d}"


def rdate(rng, y0, y1):
    return rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28)


def us_date(t):
    return f"{t[1]:02d}/{t[2]:02d}/{t[0]}"


def check_digit(s):
    """ICAO 9303 check digit (weights 7, 3, 1; '<' is 0, letters 10-35)."""
    v = 0
    for i, c in enumerate(s):
        n = int(c) if c.isdigit() else (ord(c) - 55 if c.isalpha() else 0)
        v += n * [7, 3, 1][i % 3]
    return str(v % 10)
