from api.permissions import TOKEN_HOLDERS
from core import navigation

navigation.register(label="API tokens", url_name="api_tokens:list", policy=TOKEN_HOLDERS, order=85)
