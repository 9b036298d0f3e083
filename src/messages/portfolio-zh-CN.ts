// `close-account portfolio` 的文案（简体中文）：展开到 zh-CN.ts 中。
import type { portfolioEn } from './portfolio-en.js';

type P = Record<string, string | number>;

export const portfolioZhCN: typeof portfolioEn = {
  'portfolio.error.unreadable': (p: P) => `无法读取账户文件 ${p.path}（${p.code}）。`,
  'portfolio.error.init-hint': () => '用 `close-account portfolio init` 生成示例，或用 --accounts FILE 指定文件位置。',
  'portfolio.error.too-large': (p: P) => `账户文件 ${p.path} 超过 ${p.cap} 字节。`,
  'portfolio.error.split-hint': () => '把账户拆分到多个文件，每个文件运行一次 portfolio（见 README 的“At scale”）。',
  'portfolio.error.schema-hint': () => '每个账户需要 name、sellerId、region 和 source；`close-account portfolio init --accounts example.yaml` 会生成带注释的示例。',
  'portfolio.error.syntax': (p: P) => `${p.path} 第 ${p.line} 行：这不是有效的 YAML 或 JSON（${p.code}）。`,
  'portfolio.error.secret-in-file': (p: P) => `${p.path} 第 ${p.line} 行：“${p.field}”应填写环境变量的名称，而这里写的不是名称（可能是密钥，因此不在此显示）。`,
  'portfolio.error.secret-hint': () =>
    '不要把凭据写进账户文件：把它放进环境变量（例如 export ACME_SP_API_REFRESH_TOKEN=…），在 credentials 下写该变量的大写名称；或用 `config:` 指定一个 close-account 配置文件（权限 0600）。两者只能选一个。',
  'portfolio.error.fix-seller-id': () => '卖家 ID 是卖家平台“设置 → 账户信息”中显示的商户令牌，例如 A2DEMO5ELLER7Q。',
  'portfolio.error.fix-region': (p: P) => `地区须为以下之一：${p.regions}。每个地区需单独提交关闭申请。`,
  'portfolio.error.fix-kind': () => 'source 的 kind 为 demo（带 scenario）、reports（带 folder）或 sp-api（带 credentials 或 config）。',
  'portfolio.error.fix-scenario': (p: P) => `演示场景须为以下之一：${p.scenarios}。`,
  'portfolio.error.fix-unknown-key': () => '删除该键或改正拼写：账户只能包含 name、sellerId、region、source 和 protected。',
  'portfolio.error.invalid': (p: P) => `${p.path} 第 ${p.line} 行：“${p.field}”缺失或无效（${p.code}）。`,
  'portfolio.error.duplicate': (p: P) => `${p.path} 第 ${p.line} 行：${p.region} 的卖家 ${p.sellerId} 已在第 ${p.first} 行列出。`,
  'portfolio.error.duplicate-name': (p: P) => `${p.path} 第 ${p.line} 行：名称“${p.name}”已在第 ${p.first} 行使用。`,
  'portfolio.error.duplicate-hint': () => '每个卖家和地区只列一次，并各用不同的名称。',
  'portfolio.error.sp-api-credentials': (p: P) => `${p.path} 第 ${p.line} 行：sp-api 来源需要 credentials（环境变量名称）或 config（配置文件）二者之一，且只能有一个。`,
  'portfolio.init.written': (p: P) => `已将账户文件示例写入 ${p.path}。编辑后运行 close-account portfolio check --accounts ${p.path}。`,
  'portfolio.init.exists': (p: P) => `${p.path} 已存在，未写入任何内容。`,
  'portfolio.init.exists-hint': () => '加 --force 替换它，或用 --accounts 选择其他路径。',
  'help.portfolio': () => '多个账户和地区：全部检查，统一规划（由账户文件列出）',
  'help.portfolio-init': () => '写入带注释的账户文件示例',
  'help.accounts': () => '账户文件（YAML 或 JSON；默认 ~/.config/close-account/accounts.yaml）',
  'help.force': () => '文件已存在时替换它',
};
