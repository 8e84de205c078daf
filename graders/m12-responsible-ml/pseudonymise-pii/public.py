"""Public checks for pseudonymise-pii: small worked examples.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing.
"""

PUBLIC_CHECKS = [
    {
        "id": "email-example",
        "title": "normalise an e-mail address typed with capitals and stray whitespace",
        "points": 1,
        "function": "normalise",
        "args": ["  Jane.Doe@Example.COM\t", "email"],
        "expected": "jane.doe@example.com",
        "message": "normalise does not give the canonical form of the e-mail address",
        "hints": [
            "Two people typed the same address if they differ only by capitals or by spaces "
            "and tabs around it. Which two str methods remove exactly those differences?",
            "For kind 'email': value.strip().lower().",
        ],
    },
    {
        "id": "phone-example",
        "title": "normalise a formatted phone number",
        "points": 1,
        "function": "normalise",
        "args": ["+44 (20) 7946-0958", "phone"],
        "expected": "442079460958",
        "message": "normalise does not give the canonical form of the phone number",
        "hints": [
            "Spaces, brackets, dashes, dots and the plus sign are formatting; the number is "
            "the sequence of digits.",
            "For kind 'phone': keep the characters 0-9, in order, and drop everything else: "
            "'+44 (20) 7946-0958' becomes '442079460958'.",
        ],
    },
    {
        "id": "pseudonym-example",
        "title": "pseudonym of an e-mail address with a given key",
        "points": 1,
        "function": "pseudonym",
        "args": [" Jane.Doe@Example.COM ", "k-2024-06", "email"],
        "expected": "cf39559216f98ee28df8d670cfb2c59219e35bf8ae62fb17ed702ded385e140f",
        "message": "pseudonym does not give HMAC-SHA256(key, normalised value) as hex",
        "hints": [
            "Normalise first, then compute a keyed hash: hmac.new(key_bytes, message_bytes, "
            "hashlib.sha256). Which argument is the key and which is the message?",
            "hmac.new('k-2024-06'.encode('utf-8'), 'jane.doe@example.com'.encode('utf-8'), "
            "hashlib.sha256).hexdigest(): no plain hashlib.sha256, no salt, and the key first.",
        ],
    },
]
