"""pseudonymise that writes the tokens into the frame it was given and returns it.

fails: input-unchanged
"""


def pseudonymise(frame, key, columns):
    for name, kind in columns.items():
        frame[name] = [pseudonym(v, key, kind) for v in frame[name].tolist()]  # noqa: F821
    return frame
