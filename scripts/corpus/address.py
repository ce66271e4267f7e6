"""Proof-of-address documents: leases, insurance declarations pages, mortgage
statements and vehicle registration cards, as a PDF with a text layer
(reportlab) and as a page image. Layouts lease-a, decl-a (dev: the holder's
block near the top, one column) and lease-b, decl-b, mortgage-statement,
registration-card (test: the landlord's, agent's, servicer's or state's own
address comes first, two columns, tables). A second dev source draws lease-c,
deed-of-trust, voter-card and auto-id-card (the owner's, title company's,
county's or insurer's address first; the holder named inline, under a label
heading or in a second column; cards in smaller print), so the dev split holds
pages whose holder's block is not first without sharing a test layout.
"""
from PIL import Image, ImageDraw

from common import US, bold, font, iso, names, places

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
KIND = {"lease-a": "Lease", "lease-b": "Lease", "decl-a": None, "decl-b": None,
        "mortgage-statement": "Mortgage", "registration-card": "Vehicle Registration",
        "lease-c": "Lease", "deed-of-trust": "Deed of Trust", "voter-card": "Voter Registration Card",
        "auto-id-card": "Vehicle Insurance Policy"}
# Body text height in px on the 1275 x 1650 page (150 dpi): cards are printed smaller.
BODY_PX = {"voter-card": 20, "auto-id-card": 19}
# Layouts that print no end date.
NO_EXPIRY = ("mortgage-statement", "deed-of-trust")


def _long(t):
    return f"{MONTHS[t[1] - 1]} {t[2]}, {t[0]}"


def _short(t):
    return f"{t[1]:02d}/{t[2]:02d}/{t[0]}"


def document(rng, layout, split):
    """(kind, blocks, expected) of a new holder drawn from the split's pools."""
    first_pool, last_pool, _ = names(split)
    streets, cities = places(split)
    first, last = rng.choice(first_pool), rng.choice(last_pool)
    st = rng.choice(US)[1]
    street, city = rng.choice(streets), rng.choice(cities)
    z5 = f"{rng.randint(10000, 99999)}"
    start = (rng.randint(2025, 2026), rng.randint(1, 12), rng.randint(1, 28))
    end = (start[0] + 1, start[1], start[2])
    kind = KIND[layout] or rng.choice(["Home Insurance Policy", "Vehicle Insurance Policy"])
    exp = {"first_name": first, "last_name": last,
           "address": {"street": street, "city": city, "state": st, "postal_code": z5},
           "issue_date": iso(*start), "expiry_date": iso(*end), "document_type": kind}
    if layout in NO_EXPIRY:
        exp.pop("expiry_date")
    policy = rng.randint(10**8, 10**9)
    name = f"{first.title()} {last.title()}"
    return kind, blocks(layout, kind, name, street.title(), f"{city.title()}, {st} {z5}", start, end, policy), exp


def blocks(layout, kind, name, street, addr2, start, end, policy):
    """The text of a document in `layout`: (x share, [lines]) columns in reading
    order, the first line of the first block being the title. `street` and
    `addr2` ("City, ST 12345") as the issuer prints them."""
    if layout == "lease-a":
        return [(0.08, ["RESIDENTIAL LEASE AGREEMENT", "",
                        f"This Lease is made on {_long(start)} between Oakwood Property Management LLC",
                        f"(\"Landlord\") and {name} (\"Tenant\").", "", "Premises:", street, addr2, "",
                        f"Lease Term: {_long(start)} to {_long(end)}",
                        "Monthly Rent: $1,450.00 due on the first day of each month.",
                        "Security Deposit: $1,450.00", "",
                        "Landlord office: 88 Commerce Plaza, Suite 300, Dallas, TX 75201"])]
    if layout == "decl-a":
        return [(0.08, [kind.upper() + " DECLARATIONS", "Acme Mutual Insurance Company", "",
                        f"Policy Number: {policy}", f"Policy Period: {_short(start)} to {_short(end)}",
                        f"Issue Date: {_short(start)}", "", "Named Insured and Mailing Address:", name.upper(),
                        street.upper(), addr2.upper(), "",
                        "Agent: Jane Broker, 500 Market St, Philadelphia, PA 19106"])]
    if layout == "lease-b":
        return [(0.08, ["APARTMENT LEASE", "",
                        "LANDLORD: Riverside Residential Partners LP",
                        "1200 Corporate Center Dr, Suite 410, Columbus, OH 43215", "",
                        f"TENANT(S): {name}", "",
                        "The Landlord leases to the Tenant the dwelling located at:",
                        f"{street}, {addr2}", "",
                        f"The term begins on {_short(start)} and ends on {_short(end)}.",
                        "Rent of $1,875.00 is payable monthly in advance.",
                        "Notices to Landlord: PO Box 7781, Columbus, OH 43207"])]
    if layout == "decl-b":
        return [(0.06, [kind.upper(), "DECLARATIONS PAGE", "", "Your agent:", "Sam Ortiz Insurance Agency",
                        "77 Lakeview Ave", "Cleveland, OH 44114", "(216) 555-0142", "",
                        "Insurer: Keystone Casualty Co.", "2 Liberty Sq, Hartford, CT 06103"]),
                (0.52, ["", "", "", "Named insured:", name.upper(), street.upper(), addr2.upper(), "",
                        f"Policy no. KC-{policy}", f"Effective {_short(start)} 12:01 AM",
                        f"Expires {_short(end)} 12:01 AM", f"Date issued {_short(start)}"])]
    if layout == "mortgage-statement":
        return [(0.06, ["MORTGAGE STATEMENT", "Heartland Home Loans, N.A.", "PO Box 66044",
                        "St. Louis, MO 63166", "Customer service 1-800-555-0199", "",
                        f"Statement Date: {_short(start)}", f"Loan Number: {policy}",
                        "Payment Due Date: the 1st of next month", "Amount Due: $2,134.18"]),
                (0.55, ["", "", "", "", "", "", "Borrower:", name, street, addr2, "",
                        "Property Address:", street, addr2])]
    if layout == "lease-c":
        return [(0.07, ["RESIDENTIAL LEASE OR MONTH-TO-MONTH RENTAL AGREEMENT", "",
                        f"Date: {_short(start)}", "",
                        "1. PARTIES", "Owner: Bayview Property Group", "455 Market St, San Francisco, CA 94105",
                        f"Tenant: {name}", "",
                        "2. PROPERTY. Owner rents to Tenant the premises at",
                        f"{street}, {addr2}", "",
                        f"3. TERM. Begins on {_short(start)} and ends on {_short(end)}.",
                        "4. RENT. Tenant agrees to pay $2,350.00 per month."])]
    if layout == "deed-of-trust":
        return [(0.07, ["DEED OF TRUST", "",
                        "Recording requested by and when recorded mail to:",
                        "Pinnacle Title Company", "2100 Ross Ave, Suite 900, Dallas, TX 75201", "",
                        f"THIS DEED OF TRUST is made on {_long(start)}.",
                        f"The trustor is {name} (\"Borrower\").",
                        "The trustee is Pinnacle Title Company (\"Trustee\").",
                        "The beneficiary is Lone Star Savings Bank (\"Lender\").", "",
                        "Borrower conveys to Trustee the property which has the address of",
                        street, f"{addr2} (\"Property Address\").", "",
                        f"Loan No. {policy}"])]
    if layout == "voter-card":
        return [(0.07, ["VOTER REGISTRATION CERTIFICATE", "County Elections Division",
                        "PO Box 149325, Austin, TX 78714", "", f"VUID {policy}", "Precinct 241",
                        f"Valid from {_short(start)} to {_short(end)}"]),
                (0.55, ["", "", "", "", "Name and residence address", name.upper(), street.upper(),
                        addr2.upper()])]
    if layout == "auto-id-card":
        return [(0.06, ["AUTOMOBILE INSURANCE IDENTIFICATION CARD", "Summit Mutual Auto Insurance Co.",
                        "400 Summit Blvd, Denver, CO 80202", "", f"Policy number {policy}",
                        f"Effective date {_short(start)}", f"Expiration date {_short(end)}", "",
                        "Vehicle 2021 HOND CIVIC", "VIN 2HGFC2F59MH512345"]),
                (0.55, ["", "", "", "Insured", name, street, addr2])]
    # registration-card
    st = addr2.split(",")[-1].split()[0]
    return [(0.06, [f"{st} DEPARTMENT OF MOTOR VEHICLES", "VEHICLE REGISTRATION CARD", "",
                    "DMV Headquarters, 1 Capitol Mall, Sacramento, CA 95814", "",
                    "PLATE 8ABC123     YEAR 2019     MAKE TOYT", "VIN 4T1BF1FK5CU123456",
                    f"ISSUED {_short(start)}     EXPIRES {_short(end)}", "",
                    "REGISTERED OWNER", name.upper(), street.upper(), addr2.upper()])]


def pdf(blocks, path, face):
    """A one-page PDF with a text layer; `face` is a reportlab base-14 family."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(path, pagesize=letter, invariant=1)
    bold_face = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "Courier": "Courier-Bold"}[face]
    for b, (x, lines) in enumerate(blocks):
        y = 720
        for k, line in enumerate(lines):
            title = b == 0 and k == 0
            c.setFont(bold_face if title else face, 14 if title else 10.5)
            c.drawString(612 * x, y, line)
            y -= 17
    c.save()


def image(blocks, face, layout=None):
    W, H = 1275, 1650
    body = BODY_PX.get(layout, 23)
    page = Image.new("RGB", (W, H), (250, 250, 248))
    d = ImageDraw.Draw(page)
    for b, (x, lines) in enumerate(blocks):
        y = 120
        for k, line in enumerate(lines):
            title = b == 0 and k == 0
            d.text((int(W * x), y), line, fill=(10,) * 3, font=font(bold(face) if title else face, 30 if title else body))
            y += round(body * 38 / 23)
    return page
