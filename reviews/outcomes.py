"""The Home Office crime outcome types, by number, in the words of HMIC's Force in numbers table (where it
names them) and otherwise of the Home Office Counting Rules. A case file records only the number; people
read the name beside it (the XLSX export, for one)."""

HOME_OFFICE_OUTCOMES = {
    1: "Charged/Summonsed",
    2: "Cautions - youths",
    3: "Cautions - adults",
    4: "Taken into consideration",
    5: "Offender died",
    6: "Penalty Notices for Disorder",
    7: "Cannabis/Khat warning",
    8: "Community Resolution",
    9: "Not in public interest (CPS)",
    10: "Not in public interest (police)",
    11: "Prosecution prevented – suspect under age",
    12: "Prosecution prevented – suspect too ill",
    13: "Prosecution prevented – victim/key witness dead/too ill",
    14: "Evidential difficulties (victim does not support police action): suspect not identified",
    15: "Evidential difficulties (victim supports police action): suspect identified",
    16: "Evidential difficulties (victim does not support police action): suspect identified",
    17: "Prosecution time limit expired",
    18: "Investigation complete – no suspect identified",
    19: "National Fraud Intelligence Bureau filed",
    20: "Action undertaken by another body / agency",
    21: "Further investigation to support formal action not in the public interest",
    22: "Diversionary, educational or intervention activity",
}


def outcome_name(number: int | None) -> str:
    """The outcome type's name; empty where no outcome is recorded."""
    return "" if number is None else HOME_OFFICE_OUTCOMES.get(number, f"Outcome {number}")
