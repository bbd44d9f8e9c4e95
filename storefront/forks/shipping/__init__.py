default_app_config = 'storefront.forks.shipping.apps.ShippingConfig'
