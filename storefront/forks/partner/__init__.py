default_app_config = 'storefront.forks.partner.apps.PartnerConfig'
