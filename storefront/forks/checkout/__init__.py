default_app_config = 'storefront.forks.checkout.apps.CheckoutConfig'
