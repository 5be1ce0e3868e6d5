"""Role-play simulator for customer-service training."""

__version__ = "0.1.0"
