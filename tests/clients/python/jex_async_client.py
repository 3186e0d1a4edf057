"""A small, generic asyncio client for a Binance-style REST API (JEX's), in the manner of python-binance's AsyncClient.

It knows the API's conventions only: URLs are <base>/api/v1/<path>; SIGNED requests carry a timestamp and an
HMAC-SHA256 hex signature of the urlencoded parameters, keyed with the secret; every request that needs a key sends it
in the X-JEX-APIKEY header. GET parameters go in the query string, the others in a form body, as python-binance does.
It knows nothing about the server behind the URL.
"""

import hashlib
import hmac
import time
from urllib.parse import urlencode

import aiohttp


class JexAPIException(Exception):
    """An error answer: the HTTP status and the API's {"code", "msg"}."""

    def __init__(self, status, code, message, method, url):
        super().__init__(f"{method} {url}: HTTP {status}, code {code}: {message}")
        self.status_code = status
        self.code = code
        self.message = message


class AsyncClient:
    API_VERSION = "v1"

    def __init__(self, base_url, api_key=None, api_secret=None, session=None):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.api_secret = api_secret
        self.session = session
        self.timestamp_offset = 0

    @classmethod
    async def create(cls, base_url, api_key=None, api_secret=None):
        """Opens a session, pings the API and takes the server's clock as the one timestamps follow."""
        self = cls(base_url, api_key, api_secret, aiohttp.ClientSession())
        await self.ping()
        server = await self.get_server_time()
        self.timestamp_offset = server["serverTime"] - int(time.time() * 1000)
        return self

    async def close_connection(self):
        if self.session is not None:
            await self.session.close()

    def _create_api_uri(self, path):
        return f"{self.base_url}/api/{self.API_VERSION}/{path}"

    def _generate_signature(self, query):
        return hmac.new(self.api_secret.encode("utf-8"), query.encode("utf-8"), hashlib.sha256).hexdigest()

    async def _request(self, method, path, signed=False, api_key=False, **params):
        """Sends one request; returns the decoded JSON answer or raises JexAPIException."""
        params = {k: v for k, v in params.items() if v is not None}
        headers = {}
        if signed or api_key:
            headers["X-JEX-APIKEY"] = self.api_key
        if signed:
            params["timestamp"] = int(time.time() * 1000) + self.timestamp_offset
            payload = urlencode(params)
            payload += "&signature=" + self._generate_signature(payload)
        else:
            payload = urlencode(params)
        url = self._create_api_uri(path)
        kwargs = {"headers": headers}
        if method == "GET":
            if payload:
                url += "?" + payload
        else:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            kwargs["data"] = payload
        async with self.session.request(method, url, **kwargs) as response:
            text = await response.text()
            try:
                body = await response.json(content_type=None)
            except ValueError:
                raise JexAPIException(response.status, None, f"not JSON: {text[:200]}", method, url)
            if response.status >= 400 or (isinstance(body, dict) and "code" in body and body.get("code", 0) < 0):
                code = body.get("code") if isinstance(body, dict) else None
                msg = body.get("msg") if isinstance(body, dict) else text
                raise JexAPIException(response.status, code, msg, method, url)
            return body

    async def _get(self, path, signed=False, api_key=False, **params):
        return await self._request("GET", path, signed, api_key, **params)

    async def _post(self, path, signed=False, api_key=False, **params):
        return await self._request("POST", path, signed, api_key, **params)

    async def _delete(self, path, signed=False, api_key=False, **params):
        return await self._request("DELETE", path, signed, api_key, **params)

    # General endpoints.

    async def ping(self):
        return await self._get("ping")

    async def get_server_time(self):
        return await self._get("time")

    async def get_exchange_info(self):
        return await self._get("exchangeInfo")

    async def get_account(self, **params):
        return await self._get("account", True, **params)
