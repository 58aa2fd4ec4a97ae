from allauth.account.adapter import DefaultAccountAdapter


class StaffAccountAdapter(DefaultAccountAdapter):
    """Haven has no public sign-up: administrators create staff accounts."""

    def is_open_for_signup(self, request) -> bool:
        return False
