// `close-account portfolio` の文言 (日本語): ja.ts に展開されます。
import type { portfolioEn } from './portfolio-en.js';

type P = Record<string, string | number>;

export const portfolioJa: typeof portfolioEn = {
  'portfolio.error.unreadable': (p: P) => `アカウントファイル ${p.path} を読み込めません (${p.code})。`,
  'portfolio.error.init-hint': () => '`close-account portfolio init` で例を作成するか、--accounts FILE で場所を指定してください。',
  'portfolio.error.too-large': (p: P) => `アカウントファイル ${p.path} が ${p.cap} バイトを超えています。`,
  'portfolio.error.split-hint': () => 'アカウントを複数のファイルに分け、ファイルごとに portfolio を実行してください (README の「At scale」)。',
  'portfolio.error.schema-hint': () => '各アカウントには name、sellerId、region、source が必要です。`close-account portfolio init --accounts example.yaml` で注釈付きの例を作成できます。',
  'portfolio.error.syntax': (p: P) => `${p.path} の ${p.line} 行目: 正しい YAML でも JSON でもありません (${p.code})。`,
  'portfolio.error.secret-in-file': (p: P) => `${p.path} の ${p.line} 行目: 「${p.field}」には環境変数の名前を書きますが、書かれているのは名前ではありません (秘密情報の可能性があるため、ここには表示しません)。`,
  'portfolio.error.secret-hint': () =>
    '認証情報をアカウントファイルに書かないでください。環境変数に入れ (例: export ACME_SP_API_REFRESH_TOKEN=…)、その変数名を大文字で credentials に書くか、`config:` で close-account の設定ファイル (モード 0600) を指定してください。どちらか一方だけを指定します。',
  'portfolio.error.fix-seller-id': () => 'セラー ID は、セラーセントラルの「設定 → 出品用アカウント情報」に表示されるマーチャントトークンです (例: A2DEMO5ELLER7Q)。',
  'portfolio.error.fix-region': (p: P) => `地域は次のいずれかです: ${p.regions}。地域ごとに別々の閉鎖リクエストが必要です。`,
  'portfolio.error.fix-kind': () => 'source の kind は demo (scenario 付き)、reports (folder 付き)、sp-api (credentials または config 付き) のいずれかです。',
  'portfolio.error.fix-scenario': (p: P) => `デモのシナリオは次のいずれかです: ${p.scenarios}。`,
  'portfolio.error.fix-unknown-key': () => 'そのキーを削除するか綴りを直してください。アカウントに書けるのは name、sellerId、region、source、protected だけです。',
  'portfolio.error.invalid': (p: P) => `${p.path} の ${p.line} 行目: 「${p.field}」がないか、正しくありません (${p.code})。`,
  'portfolio.error.duplicate': (p: P) => `${p.path} の ${p.line} 行目: ${p.region} のセラー ${p.sellerId} は ${p.first} 行目にすでにあります。`,
  'portfolio.error.duplicate-name': (p: P) => `${p.path} の ${p.line} 行目: 名前「${p.name}」は ${p.first} 行目ですでに使われています。`,
  'portfolio.error.duplicate-hint': () => 'セラーと地域の組は一度だけ、それぞれ別の名前で記載してください。',
  'portfolio.error.sp-api-credentials': (p: P) => `${p.path} の ${p.line} 行目: sp-api のソースには credentials (環境変数の名前) か config (設定ファイル) のどちらか一方が必要です。`,
  'portfolio.init.written': (p: P) => `アカウントファイルの例を ${p.path} に書き込みました。編集してから close-account portfolio check --accounts ${p.path} を実行してください。`,
  'portfolio.init.exists': (p: P) => `${p.path} はすでに存在します。何も書き込んでいません。`,
  'portfolio.init.exists-hint': () => '置き換えるには --force を付けるか、--accounts で別の場所を指定してください。',
  'help.portfolio': () => '複数のアカウントと地域: すべて確認し、まとめて計画します (アカウントファイルに列挙)',
  'help.portfolio-init': () => '注釈付きのアカウントファイルの例を書き込みます',
  'help.accounts': () => 'アカウントファイル (YAML または JSON。既定は ~/.config/close-account/accounts.yaml)',
  'help.force': () => 'ファイルが存在する場合は置き換えます',
};
