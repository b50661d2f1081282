"""gongkai: Chinese government information-disclosure annual reports into checked, structured records."""

__version__ = "0.1.0"
