# A blank notebook that tries to silence whatever runs after it and to make
# every comparison succeed. It changes only its own sandbox, where nothing is judged.
import builtins

ip = get_ipython()  # noqa: F821
ip.run_cell = lambda *args, **kwargs: None
builtins.isinstance = lambda obj, cls: True


class Always:
    def __eq__(self, other):
        return True


def confusion_counts(y_true, y_pred):
    return Always()


def precision(y_true, y_pred):
    return Always()
