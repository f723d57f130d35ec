# The playground's requests: importable; any call raises, since it would
# block the event loop and the playground has no network.

_MESSAGE = "requests blocks the event loop; the playground has no network"


class RequestException(Exception):
    pass


def _blocked(*args, **kwargs):
    raise RuntimeError(_MESSAGE)


get = post = put = delete = head = patch = options = request = _blocked


class Session:
    def __init__(self, *args, **kwargs):
        raise RuntimeError(_MESSAGE)
