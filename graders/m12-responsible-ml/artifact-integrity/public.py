"""Public checks for artifact-integrity: small worked examples.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing.
"""

FILES = {
    "thresholds.json": '{"default": 0.42, "region=islands": 0.35}',
    "labels.txt": "négatif\npositif\n",
}

MANIFEST = {
    "version": "1.4.0",
    "files": {
        "thresholds.json": {
            "sha256": "c214c2af160eb455a1764f851aa9c036098dc357dc8bee8d8221651853471694",
            "size": 41,
        },
        "labels.txt": {
            "sha256": "fad2015fdd5991a7b48bb8e5caa9920d5dbd563dcaf45c52cd90e9cb09bd2fe2",
            "size": 17,
        },
    },
}

SIGNATURE = "4fe61173cd1340b56ab61f2b39e6b39f0703034b0ef2ed04bc85b12d6deff8ea"

PUBLIC_CHECKS = [
    {
        "id": "manifest-example",
        "title": "manifest_for on two small files, one with a non-ASCII character",
        "points": 1,
        "function": "manifest_for",
        "args": [FILES, "1.4.0"],
        "expected": MANIFEST,
        "message": "manifest_for does not give the expected digests and sizes",
        "hints": [
            "Hash and measure the bytes that would be written to disk, not the Python str: "
            "'négatif' has 7 characters but 8 bytes in UTF-8.",
            "For each file: data = text.encode('utf-8'); {'sha256': "
            "hashlib.sha256(data).hexdigest(), 'size': len(data)}; and the version at the top.",
        ],
    },
    {
        "id": "sign-example",
        "title": "sign_manifest on the example manifest, its keys in another order",
        "points": 1,
        "function": "sign_manifest",
        "args": [{"files": {"thresholds.json": MANIFEST["files"]["thresholds.json"],
                            "labels.txt": MANIFEST["files"]["labels.txt"]},
                  "version": "1.4.0"},
                 "release-key-2024"],
        "expected": SIGNATURE,
        "message": "sign_manifest does not give HMAC-SHA256(key, canonical JSON) as hex",
        "hints": [
            "The same manifest must give the same signature whatever the order of its keys: "
            "sign a canonical serialisation.",
            "hmac.new(key.encode('utf-8'), json.dumps(manifest, sort_keys=True, "
            "separators=(',', ':')).encode('utf-8'), hashlib.sha256).hexdigest().",
        ],
    },
    {
        "id": "verify-example",
        "title": "verify a bundle with one changed file and one file too many",
        "points": 1,
        "function": "verify",
        "args": [{"thresholds.json": '{"default": 0.42, "region=islands": 0.35}',
                  "labels.txt": "negatif\npositif\n", "notes.md": "# temp\n"},
                 MANIFEST, SIGNATURE, "release-key-2024"],
        "expected": ["changed:labels.txt", "unexpected:notes.md"],
        "message": "verify does not report exactly the problems of the example bundle",
        "hints": [
            "The signature is valid here, so the manifest can be trusted; then compare each "
            "listed file with its entry, and look for files the manifest does not list.",
            "labels.txt lost its accent (a different digest and size): 'changed:labels.txt'; "
            "notes.md is not in the manifest: 'unexpected:notes.md'; the list is sorted.",
        ],
    },
]
