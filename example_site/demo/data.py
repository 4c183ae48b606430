"""Word pools for the demo data: companies, people, feature requests, comments.

Every company, person and address here is made up; e-mail domains use the
reserved ``.example`` top-level domain.
"""

# --------------------------------------------------------------------------
# Catalog
# --------------------------------------------------------------------------

#: (slug, name)
APPS = [
    ("analytics", "Acme Analytics"),
    ("mobile", "Acme Mobile"),
    ("platform", "Acme Platform"),
]

#: (slug, name, app slug)
AREAS = [
    ("dashboards", "Dashboards", "analytics"),
    ("reports", "Reports & exports", "analytics"),
    ("data-sources", "Data sources", "analytics"),
    ("alerts", "Alerts & notifications", "analytics"),
    ("mobile-app", "Mobile app", "mobile"),
    ("admin-security", "Admin, SSO & security", "platform"),
    ("api", "API & integrations", "platform"),
    ("billing", "Billing & plans", "platform"),
]

TAGS = ["enterprise", "quick-win", "ux", "security", "performance", "i18n", "mobile", "integration", "compliance"]

#: Staff of the company: (username, first name, last name, e-mail, role)
STAFF = [
    ("yuki.tanaka", "Yuki", "Tanaka", "yuki.tanaka@acme-analytics.example", "csm"),
    ("sam.patel", "Sam", "Patel", "sam.patel@acme-analytics.example", "csm"),
    ("mei.kobayashi", "Mei", "Kobayashi", "mei.kobayashi@acme-analytics.example", "pm"),
    ("alex.morgan", "Alex", "Morgan", "alex.morgan@acme-analytics.example", "pm"),
]

# --------------------------------------------------------------------------
# Accounts
# --------------------------------------------------------------------------

#: (name, e-mail domain, language of most of its people)
COMPANIES = [
    ("株式会社さくら物流", "sakura-logistics.example", "ja"),
    ("東京テックソリューションズ株式会社", "tokyo-tech.example", "ja"),
    ("Contoso Ltd", "contoso.example", "en"),
    ("みなと銀行", "minato-bank.example", "ja"),
    ("Fabrikam Inc", "fabrikam.example", "en"),
    ("北斗製薬株式会社", "hokuto-pharma.example", "ja"),
    ("Northwind Traders", "northwind.example", "en"),
    ("青葉ホールディングス", "aoba-hd.example", "ja"),
    ("Tailspin Toys", "tailspin.example", "en"),
    ("株式会社ひかりメディア", "hikari-media.example", "ja"),
    ("Wingtip Travel", "wingtip.example", "en"),
    ("大和システム開発株式会社", "yamato-sd.example", "ja"),
    ("Alpine Ski House", "alpineskihouse.example", "en"),
    ("富士見リテール株式会社", "fujimi-retail.example", "ja"),
    ("Coho Winery", "cohowinery.example", "en"),
    ("瀬戸内フーズ株式会社", "setouchi-foods.example", "ja"),
    ("Litware Inc", "litware.example", "en"),
    ("株式会社ミライ教育", "mirai-edu.example", "ja"),
    ("Proseware Inc", "proseware.example", "en"),
    ("札幌スマートファーム", "sapporo-farm.example", "ja"),
    ("Woodgrove Bank", "woodgrove.example", "en"),
    ("金沢クラフトワークス", "kanazawa-craft.example", "ja"),
    ("Adventure Works Cycles", "adventure-works.example", "en"),
    ("株式会社なごみホテルズ", "nagomi-hotels.example", "ja"),
]

#: Branches used to name more accounts than COMPANIES has: "Contoso Ltd (Osaka)".
BRANCHES = [
    ("Osaka", "osaka"), ("Nagoya", "nagoya"), ("Fukuoka", "fukuoka"), ("Singapore", "sg"),
    ("London", "london"), ("Austin", "austin"), ("Sydney", "sydney"), ("Sendai", "sendai"),
    ("Kobe", "kobe"), ("Berlin", "berlin"), ("Toronto", "toronto"), ("Seoul", "seoul"),
]

# --------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------

#: (kanji, romaji)
JA_FAMILY_NAMES = [
    ("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"), ("田中", "tanaka"), ("伊藤", "ito"),
    ("渡辺", "watanabe"), ("山本", "yamamoto"), ("中村", "nakamura"), ("小林", "kobayashi"),
    ("加藤", "kato"), ("吉田", "yoshida"), ("山田", "yamada"), ("佐々木", "sasaki"),
    ("山口", "yamaguchi"), ("松本", "matsumoto"), ("井上", "inoue"), ("木村", "kimura"),
    ("林", "hayashi"), ("清水", "shimizu"), ("森", "mori"), ("池田", "ikeda"), ("橋本", "hashimoto"),
    ("石川", "ishikawa"), ("前田", "maeda"), ("藤田", "fujita"), ("岡田", "okada"), ("後藤", "goto"),
    ("長谷川", "hasegawa"), ("村上", "murakami"), ("近藤", "kondo"),
]
JA_GIVEN_NAMES = [
    ("花子", "hanako"), ("太郎", "taro"), ("翔太", "shota"), ("美咲", "misaki"), ("健", "ken"),
    ("陽菜", "hina"), ("大輔", "daisuke"), ("結衣", "yui"), ("蓮", "ren"), ("さくら", "sakura"),
    ("拓海", "takumi"), ("葵", "aoi"), ("直樹", "naoki"), ("愛", "ai"), ("悠斗", "yuto"),
    ("真由美", "mayumi"), ("誠", "makoto"), ("彩", "aya"), ("亮", "ryo"), ("恵", "megumi"),
    ("和也", "kazuya"), ("奈々", "nana"), ("隆", "takashi"), ("由佳", "yuka"), ("剛", "tsuyoshi"),
    ("千尋", "chihiro"),
]
EN_GIVEN_NAMES = [
    "Emily", "James", "Olivia", "Liam", "Sophia", "Noah", "Ava", "Ethan", "Mia", "Lucas", "Grace",
    "Daniel", "Chloe", "Henry", "Zoe", "Owen", "Hannah", "Samuel", "Leah", "Isaac", "Nora", "Caleb",
    "Priya", "Mateo", "Aisha", "Ken", "Maya", "Diego", "Fatima", "Oliver",
]
EN_FAMILY_NAMES = [
    "Carter", "Nguyen", "Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Martinez",
    "Wilson", "Anderson", "Thomas", "Moore", "Taylor", "Clark", "Lewis", "Walker", "Hall", "Young",
    "King", "Wright", "Lopez", "Hill", "Scott", "Green", "Adams", "Baker", "Nelson", "Reyes", "Okafor",
]

# --------------------------------------------------------------------------
# Feature requests
# --------------------------------------------------------------------------
#
# (language, area slug, tags, title, why, [what is asked])
# The description is Markdown built from ``why`` and the list (see
# ``seeding.description_markdown``).

REQUESTS = [
    # ---- Reports & exports ---------------------------------------------
    ("ja", "reports", ["i18n", "quick-win"], "CSVエクスポートの文字コード指定",
     "CSVをExcelで開くと日本語が文字化けします。毎回テキストエディタで変換し直しています。",
     ["エクスポート時に **UTF-8（BOM付き）** と **Shift_JIS** を選べるようにしてほしい",
      "選んだ文字コードをユーザーごとに記憶してほしい"]),
    ("en", "reports", ["enterprise"], "Export dashboards to PDF",
     "Our leadership team wants the weekly dashboard as a PDF attachment, not a link.",
     ["Export any dashboard to PDF with the current filters applied",
      "Landscape A4 and US Letter", "Company logo in the header"]),
    ("ja", "reports", ["enterprise"], "レポートの定期メール配信（毎週月曜朝）",
     "週次の定例会議の前に、担当者が手作業でスクリーンショットを貼って共有しています。",
     ["レポートを指定した曜日・時刻に自動でメール送信", "宛先に社外のアドレスも指定できること",
      "配信履歴を確認できること"]),
    ("en", "reports", ["quick-win"], "Scheduled CSV exports to S3",
     "We load your data into our warehouse every night and currently download the CSV by hand.",
     ["Nightly export of selected reports to an S3 bucket we own",
      "File name pattern with the date, e.g. `sessions_2024-05-01.csv`"]),
    ("en", "reports", [], "Custom date ranges that compare to the same period last year",
     "Seasonal businesses need year-over-year comparison, not just the previous period.",
     ["\"Compare to\" option: previous period / same period last year / custom",
      "Show the delta in percent and absolute numbers"]),
    ("ja", "reports", ["ux"], "会計年度（4月始まり）でのレポート集計",
     "弊社は4月始まりの会計年度のため、四半期レポートが毎回ずれてしまいます。",
     ["アカウント設定で会計年度の開始月を指定", "「今期」「前期」のプリセットを会計年度基準にする"]),
    ("en", "reports", [], "Excel (.xlsx) export with formatting kept",
     "CSV loses number formats and our finance team rebuilds the sheet every month.",
     ["Export tables as .xlsx", "Keep percentages, currency and date formats"]),
    ("ja", "reports", ["i18n"], "和暦表示への対応",
     "官公庁向けの報告書では和暦での表記が必要です。",
     ["日付の表示形式に和暦（令和6年5月1日）を追加", "エクスポートにも反映されること"]),
    ("en", "reports", ["enterprise", "compliance"], "Audit log export for SOC 2 review",
     "Our auditors ask for a full export of who viewed and exported which report.",
     ["Download the audit log as CSV for a date range", "Include IP address and user agent"]),
    ("ja", "reports", [], "レポートへのコメント・注釈機能",
     "数値が急に変わった理由（キャンペーン実施など）をチーム内で共有したいです。",
     ["グラフ上の日付に注釈を付けられる", "注釈にメンションでメンバーを通知"]),

    # ---- Dashboards ----------------------------------------------------------
    ("en", "dashboards", ["ux"], "Dark mode",
     "Our operations team keeps the dashboard on a wall screen all night.",
     ["A dark theme for the whole app", "Follow the operating system setting by default"]),
    ("ja", "dashboards", ["ux"], "ダッシュボードのウィジェットをドラッグ＆ドロップで並び替え",
     "重要な指標を上に置きたいのですが、今は作り直すしかありません。",
     ["ウィジェットのドラッグ＆ドロップでの並び替え", "サイズ変更（1/3幅、1/2幅、全幅）"]),
    ("en", "dashboards", ["enterprise"], "Share a read-only dashboard link with people outside the company",
     "We report to clients who do not have an Acme account.",
     ["Public, read-only link with an expiry date", "Optional password", "Revoke the link at any time"]),
    ("ja", "dashboards", ["ux"], "ダッシュボードのテンプレート（業種別）",
     "新しく導入した部署が、何を見ればいいのか分からず使われなくなっています。",
     ["EC・SaaS・メディアなど業種別のテンプレート", "テンプレートから複製して編集できること"]),
    ("en", "dashboards", ["performance"], "Faster loading for dashboards with many widgets",
     "Our main dashboard has 24 widgets and takes 15–20 seconds to load.",
     ["Load widgets progressively", "Cache results for a few minutes", "Show when data was last refreshed"]),
    ("ja", "dashboards", [], "目標値（KPI）の設定と達成率の表示",
     "月間目標に対して今どのくらい進んでいるかを一目で見たいです。",
     ["指標ごとに月間・四半期の目標値を設定", "達成率をゲージで表示", "未達の見込み時にアラート"]),
    ("en", "dashboards", ["mobile"], "TV mode: auto-rotating dashboards",
     "We show several dashboards on office screens and switch them by hand.",
     ["Full-screen mode without navigation", "Rotate through selected dashboards every N seconds"]),
    ("ja", "dashboards", [], "ダッシュボード単位の閲覧権限",
     "経営指標のダッシュボードは役員だけに見せたいです。",
     ["ダッシュボードごとに閲覧できるチーム・ユーザーを指定", "編集権限と閲覧権限を分ける"]),
    ("en", "dashboards", [], "Annotations for releases and campaigns on charts",
     "When a metric jumps, nobody remembers it was the week of the spring campaign.",
     ["Add a dated note that shows on every chart", "Import annotations from a calendar"]),
    ("ja", "dashboards", ["i18n", "ux"], "グラフの数値を「万」「億」単位で表示",
     "1,234,567 のような表示は日本の経営層には読みにくいです。",
     ["数値の省略表記を「万・億」に切り替える設定", "英語表示では K / M のまま"]),

    # ---- Data sources ----------------------------------------------------------
    ("en", "data-sources", ["integration"], "Snowflake connector",
     "Most of our product data already lives in Snowflake.",
     ["Connect a Snowflake warehouse with key-pair authentication", "Incremental sync every hour"]),
    ("ja", "data-sources", ["integration"], "kintoneとのデータ連携",
     "営業案件をkintoneで管理しているので、売上との突き合わせをしたいです。",
     ["kintoneアプリのレコードを定期取り込み", "フィールドの対応付けを画面で設定"]),
    ("en", "data-sources", ["integration"], "BigQuery export of raw events",
     "Our data team wants to run their own SQL on the raw event stream.",
     ["Daily export of raw events to a BigQuery dataset", "Documented schema"]),
    ("ja", "data-sources", [], "CSVアップロードでのオフライン売上データ取り込み",
     "店舗の売上はPOSから出したCSVしかなく、オンラインと合算できていません。",
     ["CSVをアップロードして既存データと結合", "列の対応付けを保存して毎月再利用", "取り込みエラーの行を一覧表示"]),
    ("en", "data-sources", ["integration"], "HubSpot CRM sync",
     "We want to see which marketing campaigns bring paying customers.",
     ["Sync HubSpot contacts and deals", "Attribute revenue to first and last touch"]),
    ("ja", "data-sources", ["performance"], "データ更新頻度を1時間から15分に短縮",
     "セール期間中は1時間遅れのデータでは判断が間に合いません。",
     ["有料プランで15分ごとの更新", "更新中でも古いデータを表示し続けること"]),
    ("en", "data-sources", [], "Exclude internal traffic by IP range",
     "Our own staff make up almost 10% of the sessions we see.",
     ["List of IP ranges to exclude per project", "Apply to new data and optionally reprocess the last 30 days"]),
    ("ja", "data-sources", ["integration"], "LINE公式アカウントの配信結果の取り込み",
     "LINE経由の流入と購入を一緒に分析したいです。",
     ["配信ごとの開封・クリック数を取り込み", "UTMパラメータと紐付け"]),
    ("en", "data-sources", ["enterprise"], "Data retention settings per project",
     "Legal asked us to keep personal data no longer than 14 months.",
     ["Choose a retention period per project", "Deleted data is purged from backups within 30 days"]),
    ("ja", "data-sources", [], "Googleスプレッドシートをデータソースとして追加",
     "広告費はスプレッドシートで管理していて、ROASを出すのに手作業が発生しています。",
     ["スプレッドシートの範囲を指定して定期取り込み", "シートの列名をそのまま指標名として使う"]),

    # ---- Alerts & notifications ---------------------------------------------------
    ("en", "alerts", ["integration"], "Slack alerts when a metric drops",
     "We found out about a broken checkout from a customer, two days late.",
     ["Alert rules: metric, threshold, time window", "Send to a Slack channel", "Mute for a period"]),
    ("ja", "alerts", ["integration"], "Microsoft Teamsへのアラート通知",
     "社内のチャットはTeamsに統一されていて、メール通知は見落とされがちです。",
     ["Teamsのチャネルにアラートを投稿", "通知にグラフの画像を添付"]),
    ("en", "alerts", [], "Anomaly detection without fixed thresholds",
     "Fixed thresholds either fire every weekend or never.",
     ["Learn the normal weekly pattern", "Alert when a value is far outside it", "Explain why an alert fired"]),
    ("ja", "alerts", ["ux"], "通知の夜間・休日の抑止設定",
     "深夜にアラートメールが何通も届き、担当者が疲弊しています。",
     ["通知しない時間帯と曜日を設定", "重大なアラートだけは時間外でも通知"]),
    ("en", "alerts", [], "Weekly digest e-mail instead of individual alerts",
     "Managers do not want ten e-mails a day, just a summary.",
     ["One e-mail per week with all alerts", "Choose the day and time"]),
    ("ja", "alerts", [], "アラートの担当者割り当てと対応状況の管理",
     "誰が対応中なのか分からず、同じ調査を二人でしてしまうことがあります。",
     ["アラートに担当者を割り当て", "「対応中」「解決済み」のステータス"]),
    ("en", "alerts", ["integration"], "PagerDuty integration",
     "Our on-call engineers live in PagerDuty.",
     ["Send critical alerts as PagerDuty incidents", "Resolve the incident when the metric recovers"]),

    # ---- Mobile app ---------------------------------------------------------
    ("en", "mobile-app", ["mobile"], "Home-screen widgets for iOS and Android",
     "I check three numbers every morning and the app takes too long to open.",
     ["Widget showing up to three chosen metrics", "Tap to open the full dashboard"]),
    ("ja", "mobile-app", ["mobile", "security"], "スマホアプリの生体認証ログイン",
     "外出先でパスワードを入力するのが面倒で、結局PCで確認しています。",
     ["Face ID / 指紋認証でのログイン", "一定時間操作がないと再認証"]),
    ("en", "mobile-app", ["mobile"], "Offline mode for the mobile app",
     "Our field sales team often has no signal at client sites.",
     ["Keep the last loaded dashboards available offline", "Show clearly that the data is not live"]),
    ("ja", "mobile-app", ["mobile"], "アプリのプッシュ通知でアラートを受け取りたい",
     "メールより早く気付きたいです。",
     ["アラートをプッシュ通知で受信", "通知からそのグラフを直接開く"]),
    ("en", "mobile-app", ["mobile", "ux"], "Tablet layout for the iPad app",
     "On the iPad the app shows the phone layout with huge margins.",
     ["Two-column layout on tablets", "Landscape support"]),
    ("ja", "mobile-app", ["mobile", "i18n"], "モバイルアプリの日本語フォント改善",
     "アプリの一部で中国語の字形のフォントが表示されています。",
     ["日本語表示時は日本語フォントを使用", "数字の等幅表示"]),

    # ---- Admin, SSO & security ----------------------------------------------------
    ("en", "admin-security", ["enterprise", "security"], "SAML single sign-on with Okta",
     "Company policy requires SSO for every SaaS tool we buy.",
     ["SAML 2.0 SSO", "Tested with Okta and Azure AD", "Just-in-time user provisioning"]),
    ("ja", "admin-security", ["security", "enterprise"], "IPアドレス制限",
     "社外からのアクセスを禁止するよう情報システム部門から求められています。",
     ["許可するIPアドレス範囲をアカウント単位で設定", "API利用は別に設定できること"]),
    ("en", "admin-security", ["security"], "Two-factor authentication required for all users",
     "Our security review flagged that 2FA is optional.",
     ["Admins can require 2FA for the whole account", "Support authenticator apps and security keys"]),
    ("ja", "admin-security", ["enterprise"], "SCIMによるユーザーの自動プロビジョニング",
     "入退社のたびに手作業でユーザーを追加・削除しています。",
     ["SCIM 2.0 対応", "Azure AD・Google Workspaceからの同期"]),
    ("en", "admin-security", ["ux"], "Custom roles with fine-grained permissions",
     "\"Viewer\" and \"Admin\" are not enough: agencies need to edit some dashboards only.",
     ["Create roles from a list of permissions", "Assign roles per project"]),
    ("ja", "admin-security", ["compliance"], "操作ログの保存期間を1年以上に",
     "監査対応のため、操作ログを最低1年間保存する必要があります。",
     ["操作ログの保存期間を最大3年まで選択", "ログの検索と絞り込み"]),
    ("en", "admin-security", ["security", "compliance"], "Data residency in Japan region",
     "Some of our customers require that their data stays in Japan.",
     ["Choose the Tokyo region when creating a project", "Document where backups are stored"]),
    ("ja", "admin-security", ["ux"], "ユーザー招待の一括登録（CSV）",
     "200名規模の部署に展開するため、1人ずつ招待するのは現実的ではありません。",
     ["CSVでユーザーを一括招待", "チームとロールも同時に設定"]),

    # ---- API & integrations ---------------------------------------------------------
    ("en", "api", ["integration"], "Webhooks for new conversions",
     "We want to trigger our own workflows the moment a conversion happens.",
     ["Webhook on conversion events with a signed payload", "Retries with back-off", "Delivery log"]),
    ("ja", "api", ["integration"], "APIのレート制限の緩和",
     "夜間バッチで全プロジェクトのデータを取得すると、すぐに上限に達してしまいます。",
     ["エンタープライズプランでの上限引き上げ", "残り回数をレスポンスヘッダーで返す"]),
    ("en", "api", ["integration"], "Official Python SDK",
     "Our data scientists wrap the REST API by hand in every notebook.",
     ["pip-installable client", "Pagination and retries handled", "Typed responses"]),
    ("ja", "api", ["integration"], "Salesforceとの双方向連携",
     "営業がSalesforce上で顧客の利用状況を見られるようにしたいです。",
     ["利用状況の指標をSalesforceの取引先に書き戻す", "同期する項目を選択できること"]),
    ("en", "api", ["integration"], "Zapier integration",
     "Our marketing team does not write code but uses Zapier for everything.",
     ["Triggers: new alert, report ready", "Actions: add annotation, refresh data source"]),
    ("ja", "api", [], "APIトークンの有効期限と権限範囲の指定",
     "全権限のトークンを外部委託先に渡すのは不安です。",
     ["トークンごとに読み取り専用などの権限範囲を指定", "有効期限を設定", "最終利用日時を表示"]),
    ("en", "api", ["performance"], "GraphQL API",
     "We need five REST calls to build one view in our internal tool.",
     ["GraphQL endpoint covering reports and dashboards", "Same authentication as the REST API"]),
    ("ja", "api", ["integration"], "freeeとの会計データ連携",
     "売上と広告費を会計データと突き合わせて、正確な利益を見たいです。",
     ["freee会計の取引データを取り込み", "勘定科目ごとの集計"]),

    # ---- Billing & plans -------------------------------------------------------------
    ("ja", "billing", ["enterprise"], "請求書払い（銀行振込）への対応",
     "弊社の経理規程ではクレジットカード払いができません。",
     ["請求書発行と銀行振込での支払い", "請求書の宛名・部署名を指定", "インボイス制度の登録番号を記載"]),
    ("en", "billing", [], "Invoices addressed to different cost centers",
     "Each department pays for its own seats.",
     ["Split the invoice by team", "Purchase order number on the invoice"]),
    ("ja", "billing", ["ux"], "利用状況に応じたプラン変更の提案",
     "どのプランが自社に合っているのか分かりにくいです。",
     ["直近3か月の利用状況から最適なプランを表示", "プラン変更時の日割り金額を事前に表示"]),
    ("en", "billing", [], "Annual billing with a discount",
     "Our procurement team prefers one payment per year.",
     ["Annual plan option", "Discount shown before checkout"]),
    ("ja", "billing", ["quick-win"], "領収書の宛名変更とPDFダウンロード",
     "領収書の宛名が個人名になっていて、経理で受理されません。",
     ["領収書の宛名を会社名に変更", "過去分もまとめてPDFでダウンロード"]),

    # ---- More, across areas --------------------------------------------------------
    ("en", "dashboards", ["i18n"], "Show numbers and dates in the viewer's locale",
     "Our Japanese and German colleagues read the same dashboard.",
     ["Format numbers and dates by the viewer's language", "Currency symbol per project"]),
    ("ja", "reports", ["ux"], "よく使うフィルター条件の保存",
     "毎回同じ条件（地域・商品カテゴリ・期間）を選び直しています。",
     ["フィルター条件に名前を付けて保存", "チームで共有できること"]),
    ("en", "reports", ["ux"], "Saved segments shared across reports",
     "We define \"enterprise customers\" once and want to reuse it everywhere.",
     ["Create a segment from filters", "Use it in any report or dashboard"]),
    ("ja", "dashboards", ["ux"], "グラフの色をブランドカラーに変更",
     "社外向けの資料に使うため、自社のブランドカラーに合わせたいです。",
     ["アカウント単位でカラーパレットを設定", "色覚多様性に配慮したパレットの用意"]),
    ("en", "alerts", ["ux"], "Snooze an alert for a day",
     "During planned maintenance we get the same alert every ten minutes.",
     ["Snooze 1 hour / 1 day / until a date", "Show who snoozed it"]),
    ("ja", "data-sources", ["performance"], "過去データの再集計を速くしてほしい",
     "設定を変えた後の再集計に丸一日かかり、その間レポートが使えません。",
     ["再集計の進捗表示", "再集計中も古い結果を表示し続ける"]),
    ("en", "admin-security", ["enterprise"], "Sandbox project for testing configuration",
     "We break our production dashboards when we try new tracking settings.",
     ["A sandbox copy of a project", "Promote settings from sandbox to production"]),
    ("ja", "api", ["integration"], "Chatwork / Slackへのレポート自動投稿",
     "朝会で見る数字を毎朝チャットに自動で流したいです。",
     ["指定時刻にレポートの要約を投稿", "グラフ画像付き"]),
    ("ja", "mobile-app", ["mobile", "ux"], "モバイルアプリでもダッシュボードを編集したい",
     "出張中に急ぎでグラフを追加したいことがありますが、アプリでは閲覧しかできません。",
     ["アプリからウィジェットの追加・削除", "PC版と同じ並び順で表示"]),
    ("en", "mobile-app", ["mobile"], "Share a chart from the mobile app",
     "I want to send a chart to my manager from my phone in two taps.",
     ["Share sheet with an image of the chart", "Optional link to the live chart"]),
    ("ja", "reports", ["enterprise"], "複数プロジェクトを横断した集計レポート",
     "ブランドごとにプロジェクトを分けているため、全社の数字を出すのが大変です。",
     ["複数プロジェクトの指標を合算・比較", "プロジェクト横断のダッシュボード"]),
    ("en", "dashboards", ["performance"], "Real-time visitors counter",
     "During product launches we want to watch traffic live.",
     ["Live count of active visitors", "Updates every few seconds without reloading"]),
    ("ja", "admin-security", ["ux"], "管理画面の英語・日本語切り替えをユーザーごとに",
     "海外拠点のメンバーは英語、本社は日本語で使いたいです。",
     ["ユーザーごとに表示言語を選択", "メール通知も選んだ言語で送信"]),
    ("en", "billing", ["enterprise"], "Usage-based seat billing",
     "We pay for 200 seats but only 120 people log in each month.",
     ["Bill by monthly active users", "Usage report per team"]),
    ("ja", "alerts", [], "アラートの条件に「前週同曜日比」を追加",
     "曜日による変動が大きく、前日比では誤検知が多いです。",
     ["前週同曜日比・前年同日比での条件設定", "祝日を考慮"]),
    ("en", "data-sources", ["integration"], "Shopify app",
     "We run three Shopify stores and copy numbers into spreadsheets.",
     ["Install from the Shopify App Store", "Orders, refunds and products synced hourly"]),
]

# Pieces for generating more requests than REQUESTS holds (large benchmark runs).
MORE_EN = {
    "subjects": ["dashboards", "reports", "alerts", "data sources", "segments", "annotations",
                 "user invitations", "API tokens", "saved filters", "exports", "funnels", "cohorts"],
    "templates": ["Bulk edit {s}", "Duplicate {s}", "Archive old {s}", "Search across {s}",
                  "Version history for {s}", "Folders for {s}", "Favourite {s}", "Tag {s}"],
}
MORE_JA = {
    "subjects": ["ダッシュボード", "レポート", "アラート", "データソース", "セグメント", "注釈",
                 "ユーザー招待", "APIトークン", "保存済みフィルター", "エクスポート", "ファネル", "コホート"],
    "templates": ["{s}の一括編集", "{s}の複製", "古い{s}のアーカイブ", "{s}の横断検索",
                  "{s}の変更履歴", "{s}のフォルダ分け", "{s}のお気に入り登録", "{s}へのタグ付け"],
}
MORE_AREAS = ["dashboards", "reports", "alerts", "data-sources", "reports", "dashboards",
              "admin-security", "api", "reports", "reports", "dashboards", "dashboards"]

# --------------------------------------------------------------------------
# Comments
# --------------------------------------------------------------------------

VISITOR_COMMENTS = {
    "ja": [
        "弊社でもまさに困っています。ぜひ対応をお願いします。",
        "+1 です。月末の締め作業で毎回手間がかかっています。",
        "対応時期の目安があれば教えていただけますか？",
        "似たような要望を営業担当の方にもお伝えしています。",
        "これがあれば、他部署にも展開しやすくなります。",
        "現状は回避策として手作業で対応していますが、件数が増えて限界です。",
        "優先度高めでお願いしたいです。来期の予算取りに影響します。",
        "ベータ版があれば試してみたいです。",
    ],
    "en": [
        "We need this too. It would save our team hours every week.",
        "+1 — this is the main thing blocking a wider rollout for us.",
        "Is there a rough timeline for this?",
        "Our current workaround is a spreadsheet, and it breaks every month.",
        "Happy to join a call to explain our use case.",
        "This came up again in our quarterly review with leadership.",
        "Would love to beta test this when it is ready.",
        "Same here. Ideally it would also work through the API.",
    ],
}
STAFF_PUBLIC_COMMENTS = {
    "ja": [
        "ご要望ありがとうございます。同様のご要望を複数いただいており、検討を進めています。",
        "詳しい利用シーンを教えていただけますか？仕様検討の参考にさせてください。",
        "開発チームで設計を始めました。進捗はこのページでお知らせします。",
        "現在の回避策として、レポートのフィルター保存機能をご利用いただけます。",
    ],
    "en": [
        "Thanks for the detailed request! Several customers have asked for this and we are looking into it.",
        "Could you tell us a bit more about how you would use this? It helps us scope it.",
        "Design work has started. We will post updates on this page.",
        "In the meantime, saved filters can cover part of this. Happy to show you how.",
    ],
}
RELEASE_COMMENTS = {
    "ja": "リリースしました！ 設定画面からご利用いただけます。ご意見をお待ちしています。",
    "en": "This is now live for all plans. Thanks to everyone who voted — let us know how it works for you.",
}
INTERNAL_COMMENTS = [
    "Asked by two enterprise accounts in renewal talks this quarter.",
    "Engineering estimate: about two sprints. Depends on the new export pipeline.",
    "Overlaps with the permissions rework; revisit after that ships.",
    "営業から：更新商談で必ず聞かれる機能とのこと。",
    "CSメモ：問い合わせ件数が先月から増加。FAQ追加を検討。",
    "Legal review needed before we store this data.",
    "Possible duplicate of an older request; check before planning.",
    "優先度：次の四半期のロードマップ候補。",
]
STATUS_MESSAGES = {
    "planned": "Planned for an upcoming release.",
    "building": "Our team is building this now.",
    "released": "Released — available to all customers.",
    "declined": "We will not build this for now; see the comments for why.",
}
