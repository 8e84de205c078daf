# precision tries to allocate without bound: it hits the sandbox's memory limit.
def precision(y_true, y_pred):
    hoard = []
    while True:
        hoard.append(bytearray(64 * 1024 * 1024))
