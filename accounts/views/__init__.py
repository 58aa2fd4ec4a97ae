"""Pages for staff and organisations. Each module is one area; every view declares its
access policy with @access."""

from accounts.views.home import admin_home, my_account

__all__ = ["admin_home", "my_account"]
