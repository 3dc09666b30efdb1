<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AlertDelivery</name>
    <message>
        <source>免打扰时段</source>
        <translation>quiet hours</translation>
    </message>
    <message>
        <source>已达每日上限</source>
        <translation>daily cap reached</translation>
    </message>
    <message>
        <source>同一商品冷却中</source>
        <translation>item cooling down</translation>
    </message>
    <message>
        <source>%1 ✓</source>
        <translation>%1 ✓</translation>
    </message>
    <message>
        <source>%1 待重试</source>
        <translation>%1 to retry</translation>
    </message>
    <message>
        <source>%1 暂存（%2）</source>
        <translation>%1 held (%2)</translation>
    </message>
    <message>
        <source>%1 待发送</source>
        <translation>%1 pending</translation>
    </message>
    <message>
        <source>已推送：%1</source>
        <translation>Pushed: %1</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>闲鱼桌面助手</source>
        <translation>Xianyu Desk</translation>
    </message>
    <message>
        <source>无法使用数据文件夹 %1：%2</source>
        <translation>Cannot use the data folder %1: %2</translation>
    </message>
    <message>
        <source>闲鱼桌面助手已经在运行（同一个数据文件夹只能打开一个窗口）。</source>
        <translation>Xianyu Desk is already running (one window per data folder).</translation>
    </message>
    <message>
        <source>打开数据时程序出错，错误报告：%1</source>
        <translation>The program failed while opening your data. Error report: %1</translation>
    </message>
    <message>
        <source>（没能写入日志文件夹）</source>
        <translation>(could not be written to the log folder)</translation>
    </message>
</context>
<context>
    <name>BatchQuestion</name>
    <message>
        <source>超出今日剩余额度</source>
        <translation>More than today&apos;s remaining quota</translation>
    </message>
    <message numerus="yes">
        <source>查询额度内的 %n 个</source>
        <translation>
            <numerusform>Look up the %n that fit</numerusform>
            <numerusform>Look up the %n that fit</numerusform>
        </translation>
    </message>
    <message>
        <source>这批 %1 个商品需要 %2 次调用（%3 个用缓存中的结果，不用调用）。</source>
        <translation>This batch of %1 items needs %2 calls (%3 use cached answers and need no call).</translation>
    </message>
    <message>
        <source>这批 %1 个商品需要 %2 次调用。</source>
        <translation>This batch of %1 items needs %2 calls.</translation>
    </message>
    <message>
        <source>今日还剩 %1 次调用（%2权限：每天 %3 次、每秒 %4 次）。</source>
        <translation>%1 calls are left today (%2 tier: %3 a day, %4 a second).</translation>
    </message>
    <message>
        <source>今日额度只够查 %1 个，约需 %2。</source>
        <translation>Today&apos;s quota covers %1 of them, which takes about %2.</translation>
    </message>
    <message>
        <source>今日的额度已经用完。</source>
        <translation>Today&apos;s quota is used up.</translation>
    </message>
    <message>
        <source>其余 %1 个要等北京时间零点额度重置后再查（还需 %2 天的额度），会显示为“今日额度已用完”。</source>
        <translation>The other %1 must wait for the quota to reset at midnight Beijing time (%2 more days of quota); they will show as “daily quota used up”.</translation>
    </message>
    <message numerus="yes">
        <source>%n 秒</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 分 %2 秒</source>
        <translation>%1 min %2 s</translation>
    </message>
</context>
<context>
    <name>ChannelsBox</name>
    <message>
        <source>推送渠道</source>
        <translation>Push channels</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>提醒类型</source>
        <translation>Alert kinds</translation>
    </message>
    <message>
        <source>测试结果</source>
        <translation>Test result</translation>
    </message>
    <message>
        <source>测试所选</source>
        <translation>Test selected</translation>
    </message>
    <message>
        <source>全部测试</source>
        <translation>Test all</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>Apprise 地址</source>
        <translation>Apprise URL</translation>
    </message>
    <message>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>允许本机上的地址（127.0.0.1，如本机的转发服务）</source>
        <translation>Allow an address on this computer (127.0.0.1, e.g. a local relay)</translation>
    </message>
    <message>
        <source>添加渠道</source>
        <translation>Add channel</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>所选渠道接收的提醒：</source>
        <translation>Alerts the selected channel gets:</translation>
    </message>
    <message>
        <source>添加渠道（地址含令牌，只保存在系统钥匙环里，列表中只显示遮盖后的地址）</source>
        <translation>Add a channel (its address carries a token: it is kept only in the system keyring, and lists show it masked)</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>每个渠道至少要接收一种提醒；不想接收就删除这个渠道。</source>
        <translation>A channel must get at least one kind of alert; to get none, remove the channel.</translation>
    </message>
    <message>
        <source>请填写 Apprise 地址，例如 wecombot://机器人key</source>
        <translation>Enter an Apprise URL, e.g. wecombot://BOTKEY</translation>
    </message>
    <message>
        <source>已添加渠道「%1」，可以点“测试所选”发一条测试消息。</source>
        <translation>Channel “%1” added: click “Test selected” to send a test message.</translation>
    </message>
    <message>
        <source>添加没有完成</source>
        <translation>The channel was not added</translation>
    </message>
    <message>
        <source>请先选中一个渠道</source>
        <translation>Select a channel first</translation>
    </message>
    <message>
        <source>还没有渠道</source>
        <translation>There are no channels yet</translation>
    </message>
    <message>
        <source>正在发送测试消息……</source>
        <translation>Sending a test message…</translation>
    </message>
    <message>
        <source>已送达</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>没有送达：%1</source>
        <translation>Not delivered: %1</translation>
    </message>
    <message>
        <source>已删除渠道「%1」，它的地址也已从系统钥匙环中删除。</source>
        <translation>Channel “%1” removed, and its address deleted from the system keyring.</translation>
    </message>
    <message>
        <source>操作没有完成</source>
        <translation>That did not complete</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>闲鱼桌面助手出错了</source>
        <translation>Xianyu Desk ran into a problem</translation>
    </message>
    <message>
        <source>程序遇到了一个意外错误，已记录下来。</source>
        <translation>The program hit an unexpected error and has logged it.</translation>
    </message>
    <message>
        <source>错误报告：%1</source>
        <translation>Error report: %1</translation>
    </message>
    <message>
        <source>错误报告没能写入日志文件夹。</source>
        <translation>The error report could not be written to the log folder.</translation>
    </message>
    <message>
        <source>程序会继续运行；如果反复出现，请把报告发给我们。</source>
        <translation>The program keeps running. If this happens again, please send us the report.</translation>
    </message>
</context>
<context>
    <name>CredentialsBar</name>
    <message>
        <source>还没有可用的调用凭据。请打开“设置”，填写在阿里开放平台申请的 app_key 和 app_secret；也可以先试用演示模式（不需要账号，数据是模拟的）。</source>
        <translation>No usable API credentials yet. Open Settings and enter the app_key and app_secret from the Alibaba Open Platform, or try the demo first (no account needed, the data is simulated).</translation>
    </message>
    <message>
        <source>打开设置…</source>
        <translation>Open Settings…</translation>
    </message>
    <message>
        <source>试用演示模式</source>
        <translation>Try demo mode</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>原价</source>
        <translation>Original price</translation>
    </message>
    <message>
        <source>成色</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>类目</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>所在地</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>物流</source>
        <translation>Shipping</translation>
    </message>
    <message>
        <source>上架时间</source>
        <translation>Listed</translation>
    </message>
    <message>
        <source>保障服务</source>
        <translation>Guarantees</translation>
    </message>
    <message>
        <source>已售数量</source>
        <translation>Sold</translation>
    </message>
    <message>
        <source>卖家</source>
        <translation>Seller</translation>
    </message>
    <message>
        <source>卖家等级</source>
        <translation>Seller level</translation>
    </message>
    <message>
        <source>好评率</source>
        <translation>Positive rating</translation>
    </message>
    <message>
        <source>卖家所在地</source>
        <translation>Seller location</translation>
    </message>
    <message>
        <source>规格参数</source>
        <translation>Specifications</translation>
    </message>
    <message>
        <source>获取时间</source>
        <translation>Fetched</translation>
    </message>
    <message>
        <source>在浏览器打开</source>
        <translation>Open in browser</translation>
    </message>
    <message>
        <source>复制 ID</source>
        <translation>Copy ID</translation>
    </message>
    <message>
        <source>复制链接</source>
        <translation>Copy link</translation>
    </message>
    <message>
        <source>查看行情</source>
        <translation>View market</translation>
    </message>
    <message>
        <source>在“行情”页和同款比价</source>
        <translation>Compare with the same product on the Market tab</translation>
    </message>
    <message>
        <source>选择一行查看商品详情</source>
        <translation>Select a row to see the item&apos;s details</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>（缓存）</source>
        <translation> (cached)</translation>
    </message>
    <message numerus="yes">
        <source>同款（网关）：%n 件</source>
        <translation>
            <numerusform>Same product (gateway): %n listing</numerusform>
            <numerusform>Same product (gateway): %n listings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>成交记录：%n 条</source>
        <translation>
            <numerusform>Sales: %n record</numerusform>
            <numerusform>Sales: %n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>……另有 %n 条</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>正在整理商品描述……</source>
        <translation>Preparing the description…</translation>
    </message>
    <message>
        <source>内容过长，已截断</source>
        <translation>Too long: cut short here</translation>
    </message>
    <message>
        <source>无法显示商品描述</source>
        <translation>The description cannot be shown</translation>
    </message>
</context>
<context>
    <name>ExportTab</name>
    <message>
        <source>导出到</source>
        <translation>Export to</translation>
    </message>
    <message>
        <source>表格 (*%1)</source>
        <translation>Spreadsheet (*%1)</translation>
    </message>
    <message>
        <source>请至少选择一列</source>
        <translation>Select at least one column</translation>
    </message>
    <message>
        <source>没有可导出的查询结果</source>
        <translation>No lookup results to export</translation>
    </message>
    <message>
        <source>没有可导出的搜索结果</source>
        <translation>No search results to export</translation>
    </message>
    <message>
        <source>正在导出……</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>已导出 %1 个商品到 %2</source>
        <translation>Exported %1 item(s) to %2</translation>
    </message>
    <message numerus="yes">
        <source>（含 %n 条价格记录）</source>
        <translation>
            <numerusform> (with %n price record)</numerusform>
            <numerusform> (with %n price records)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>（CSV 只有商品表；%n 条价格记录要导出为 .xlsx 才有）</source>
        <translation>
            <numerusform> (a CSV holds only the items; export to .xlsx to get the %n price record)</numerusform>
            <numerusform> (a CSV holds only the items; export to .xlsx to get the %n price records)</numerusform>
        </translation>
    </message>
    <message>
        <source>已取消导出，没有留下不完整的文件</source>
        <translation>Export cancelled; no partial file was left behind</translation>
    </message>
    <message>
        <source>导出没有完成</source>
        <translation>The export did not finish</translation>
    </message>
</context>
<context>
    <name>ExportView</name>
    <message>
        <source>关注列表（含价格历史）</source>
        <translation>Watchlist (with price history)</translation>
    </message>
    <message>
        <source>当前查询结果</source>
        <translation>Current lookup results</translation>
    </message>
    <message>
        <source>查询结果中选中的商品</source>
        <translation>Items selected in the lookup results</translation>
    </message>
    <message>
        <source>搜索结果</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>“搜索”页现在显示的商品（搜索结果只有摘要信息）</source>
        <translation>The listings shown on the Search tab now (search results hold summary fields only)</translation>
    </message>
    <message>
        <source>（仅关注）</source>
        <translation> (watchlist only)</translation>
    </message>
    <message>
        <source>Excel 工作簿 (.xlsx)</source>
        <translation>Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <source>CSV，UTF-8 (.csv)</source>
        <translation>CSV, UTF-8 (.csv)</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>打开文件</source>
        <translation>Open file</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open containing folder</translation>
    </message>
    <message>
        <source>导出内容</source>
        <translation>What to export</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Columns</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>欢迎使用闲鱼桌面助手</source>
        <translation>Welcome to Xianyu Desk</translation>
    </message>
    <message>
        <source>还没有设置调用凭据。可以填写在阿里开放平台申请的 app_key 和 app_secret，也可以先用内置的演示网关试一试（不需要账号，数据是模拟的）。</source>
        <translation>No API credentials are set up yet. You can enter the app_key and app_secret you applied for on the Alibaba Open Platform, or first try the built-in demo gateway (no account needed; the data is simulated).</translation>
    </message>
    <message>
        <source>填写凭据…</source>
        <translation>Enter credentials…</translation>
    </message>
    <message>
        <source>试用演示模式</source>
        <translation>Try demo mode</translation>
    </message>
    <message>
        <source>稍后</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>ImageLoader</name>
    <message>
        <source>不是有效的图片</source>
        <translation>Not a valid image</translation>
    </message>
    <message>
        <source>图片尺寸过大（%1），不予显示</source>
        <translation>Picture too large (%1), not shown</translation>
    </message>
</context>
<context>
    <name>LinkProblems</name>
    <message>
        <source>短链接，查询时自动联网解析</source>
        <translation>Short link: resolved online when you look up</translation>
    </message>
    <message>
        <source>这是其他购物网站（%1）的链接，不是闲鱼商品链接</source>
        <translation>A link to another shopping site (%1), not a Xianyu item</translation>
    </message>
    <message>
        <source>这个闲鱼链接里没有商品 ID</source>
        <translation>This Xianyu link holds no item ID</translation>
    </message>
    <message>
        <source>商品 ID 应为 %1–%2 位数字</source>
        <translation>An item ID has %1–%2 digits</translation>
    </message>
    <message>
        <source>短链接没有解析到闲鱼商品</source>
        <translation>The short link did not lead to a Xianyu item</translation>
    </message>
    <message>
        <source>Excel 把这个商品 ID 存成了数字，后几位已经丢失；请把该列设为“文本”格式后重新填入 ID，或改用商品链接</source>
        <translation>Excel stored this item ID as a number and lost its last digits: format the column as Text and enter the ID again, or use the item link</translation>
    </message>
    <message>
        <source>这个商品 ID 第 15 位之后全是 0，可能被 Excel 四舍五入过；已照常读取，若查不到或商品不对，请把该列设为“文本”格式后重新复制</source>
        <translation>Every digit of this item ID after the 15th is 0: Excel may have rounded it. It was read as it is; if it finds nothing or the wrong item, format the column as Text in Excel and copy the IDs again</translation>
    </message>
    <message>
        <source>商品 ID 应为 %1–%2 位数字，这里是 %3 位</source>
        <translation>An item ID has %1–%2 digits; this one has %3</translation>
    </message>
    <message>
        <source>短链接打开的是淘宝或天猫的页面，不是闲鱼商品</source>
        <translation>The short link opens a Taobao or Tmall page, not a Xianyu item</translation>
    </message>
    <message>
        <source>短链接已失效或不存在，请在闲鱼 App 里重新分享</source>
        <translation>The short link has expired or does not exist: share the item again from the Xianyu app</translation>
    </message>
    <message>
        <source>短链接打开的页面里没有闲鱼商品</source>
        <translation>The page the short link opens holds no Xianyu item</translation>
    </message>
    <message>
        <source>短链接跳转到闲鱼和淘宝以外的地址，没有继续打开</source>
        <translation>The short link leads off Xianyu and Taobao; it was not followed</translation>
    </message>
    <message>
        <source>无法从短链接服务器得到回答，请检查网络后再试</source>
        <translation>No answer from the short-link server: check the network and try again</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>timed out</translation>
    </message>
    <message>
        <source>页面读取超时</source>
        <translation>the page took too long</translation>
    </message>
    <message>
        <source>跳转次数过多</source>
        <translation>too many redirects</translation>
    </message>
    <message>
        <source>跳转地址无效</source>
        <translation>invalid redirect address</translation>
    </message>
    <message>
        <source>地址指向本机、内网或云服务器元数据地址</source>
        <translation>the address points to this computer, a private network or a cloud metadata service</translation>
    </message>
    <message>
        <source>页面过大</source>
        <translation>page too large</translation>
    </message>
    <message>
        <source>无法解析域名</source>
        <translation>the host name could not be resolved</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>短链接指向商品 %1</source>
        <translation>Short link → item %1</translation>
    </message>
    <message>
        <source>短链接指向商品 %1（已缓存）</source>
        <translation>Short link → item %1 (remembered)</translation>
    </message>
</context>
<context>
    <name>LookupTab</name>
    <message numerus="yes">
        <source>识别到 %n 个商品 ID</source>
        <translation>
            <numerusform>Found %n item ID</numerusform>
            <numerusform>Found %n item IDs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，%n 个短链接待解析</source>
        <translation>
            <numerusform>, %n short link to resolve</numerusform>
            <numerusform>, %n short links to resolve</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，%n 条无法识别</source>
        <translation>
            <numerusform>, %n entry not recognised</numerusform>
            <numerusform>, %n entries not recognised</numerusform>
        </translation>
    </message>
    <message>
        <source>还没有识别到商品 ID</source>
        <translation>No item IDs found yet</translation>
    </message>
    <message numerus="yes">
        <source>剪贴板里有 %n 个闲鱼商品，要查询吗？</source>
        <translation>
            <numerusform>The clipboard holds %n Xianyu item. Look it up?</numerusform>
            <numerusform>The clipboard holds %n Xianyu items. Look them up?</numerusform>
        </translation>
    </message>
    <message>
        <source>还没有可用的调用凭据</source>
        <translation>No usable API credentials yet</translation>
    </message>
    <message>
        <source>正在查询……</source>
        <translation>Looking up…</translation>
    </message>
    <message numerus="yes">
        <source>正在解析 %n 个短链接……</source>
        <translation>
            <numerusform>Resolving %n short link…</numerusform>
            <numerusform>Resolving %n short links…</numerusform>
        </translation>
    </message>
    <message>
        <source>没有识别到闲鱼商品 ID</source>
        <translation>No Xianyu item IDs found</translation>
    </message>
    <message>
        <source>已取消：短链接解析了 %1 / %2 个</source>
        <translation>Cancelled: %1 of %2 short links resolved</translation>
    </message>
    <message>
        <source>已取消：完成 %1 / %2</source>
        <translation>Cancelled: %1 / %2 done</translation>
    </message>
    <message>
        <source>查询完成：%1 个商品，%2 个失败</source>
        <translation>Lookup finished: %1 item(s), %2 failed</translation>
    </message>
    <message>
        <source>查询没有完成</source>
        <translation>The lookup did not finish</translation>
    </message>
    <message>
        <source>请先在结果中选择要关注的商品</source>
        <translation>First select the items to watch in the results</translation>
    </message>
</context>
<context>
    <name>LookupView</name>
    <message>
        <source>粘贴闲鱼商品链接、分享文本或商品 ID（每行一个或用逗号分隔），按 Ctrl+Enter 查询</source>
        <translation>Paste Xianyu item links, share texts or item IDs (one per line or comma-separated), then press Ctrl+Enter</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Look up</translation>
    </message>
    <message>
        <source>忽略</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>不再提示</source>
        <translation>Don&apos;t ask again</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>不用缓存，重新向网关查询所选（或全部）商品</source>
        <translation>Look up the selected (or all) items again from the gateway, bypassing the cache</translation>
    </message>
    <message>
        <source>加入关注</source>
        <translation>Add to watchlist</translation>
    </message>
    <message>
        <source>%v / %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <source>筛选结果（标题、卖家、所在地……）</source>
        <translation>Filter results (title, seller, location…)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>闲鱼桌面助手</source>
        <translation>Xianyu Desk</translation>
    </message>
    <message>
        <source>（演示模式）</source>
        <translation> (Demo mode)</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Lookup</translation>
    </message>
    <message>
        <source>关注</source>
        <translation>Watchlist</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>行情</source>
        <translation>Market</translation>
    </message>
    <message>
        <source>正在打开…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <source>查看行情</source>
        <translation>View market</translation>
    </message>
    <message>
        <source>请先选择一个商品再查看行情</source>
        <translation>Select an item first to view its market</translation>
    </message>
    <message>
        <source>“查询”页正在查询，请等它完成或取消后再试</source>
        <translation>The Lookup tab is busy: wait for it to finish or cancel it, then try again</translation>
    </message>
    <message>
        <source>演示模式</source>
        <translation>Demo mode</translation>
    </message>
    <message>
        <source>正在打开数据…</source>
        <translation>Opening data…</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>打开数据文件夹</source>
        <translation>Open data folder</translation>
    </message>
    <message>
        <source>查看审计日志</source>
        <translation>View audit log</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>运行自检</source>
        <translation>Run diagnostics</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>打开数据失败</source>
        <translation>Could not open the data</translation>
    </message>
    <message>
        <source>未设置凭据</source>
        <translation>No credentials set</translation>
    </message>
    <message>
        <source>演示网关</source>
        <translation>Demo gateway</translation>
    </message>
    <message>
        <source>网关：%1</source>
        <translation>Gateway: %1</translation>
    </message>
    <message>
        <source>今日剩余 %1 / %2 次</source>
        <translation>%1 / %2 calls left today</translation>
    </message>
    <message>
        <source>正在打开演示模式…</source>
        <translation>Opening demo mode…</translation>
    </message>
    <message>
        <source>无法打开演示模式：%1</source>
        <translation>Could not open demo mode: %1</translation>
    </message>
    <message>
        <source>还没有可用的调用凭据：请在“设置”里填写，或试用演示模式</source>
        <translation>No usable API credentials yet: enter them in Settings, or try the demo</translation>
    </message>
    <message>
        <source>凭据</source>
        <translation>Credentials</translation>
    </message>
    <message>
        <source>正在自检……</source>
        <translation>Running diagnostics…</translation>
    </message>
    <message>
        <source>自检结果</source>
        <translation>Diagnostics</translation>
    </message>
    <message>
        <source>程序出错，已记录错误报告</source>
        <translation>the program hit an error; a report was written</translation>
    </message>
    <message>
        <source>自检没有完成：%1</source>
        <translation>Self-check did not finish: %1</translation>
    </message>
    <message>
        <source>关于闲鱼桌面助手</source>
        <translation>About Xianyu Desk</translation>
    </message>
    <message>
        <source>闲鱼桌面助手 %1
通过官方签名 item_get 接口查询闲鱼商品、关注价格、导出 Excel。</source>
        <translation>Xianyu Desk %1
Look up Xianyu items, watch prices and export to Excel through the official signed item_get API.</translation>
    </message>
</context>
<context>
    <name>MarketChart</name>
    <message>
        <source>P25–P75 区间</source>
        <translation>P25–P75 range</translation>
    </message>
    <message>
        <source>中位价</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>在售同款（标价）</source>
        <translation>Same product on sale (asking)</translation>
    </message>
    <message>
        <source>成交价</source>
        <translation>Sold price</translation>
    </message>
    <message>
        <source>本商品</source>
        <translation>This item</translation>
    </message>
    <message>
        <source>价格（元）</source>
        <translation>Price (yuan)</translation>
    </message>
    <message>
        <source>成色</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>配件机</source>
        <translation>For parts</translation>
    </message>
    <message>
        <source>输入商品链接或 ID，点“比价”查看同款价格分布</source>
        <translation>Enter an item link or ID and click Compare to see the same product&apos;s prices</translation>
    </message>
    <message>
        <source>同款价格分布：在售 %1 件，成交 %2 条</source>
        <translation>Same-product prices: %1 on sale, %2 sold</translation>
    </message>
</context>
<context>
    <name>MarketModel</name>
    <message>
        <source>手动纳入</source>
        <translation>Included by hand</translation>
    </message>
    <message>
        <source>纳入</source>
        <translation>Included</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>价格</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>成色</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>卖家</source>
        <translation>Seller</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>商品 ID</source>
        <translation>Item ID</translation>
    </message>
</context>
<context>
    <name>MarketTab</name>
    <message>
        <source>纳入比较</source>
        <translation>Include</translation>
    </message>
    <message>
        <source>排除</source>
        <translation>Exclude</translation>
    </message>
    <message>
        <source>恢复自动判断</source>
        <translation>Let the filter decide</translation>
    </message>
    <message>
        <source>屏蔽此卖家</source>
        <translation>Block this seller</translation>
    </message>
    <message>
        <source>屏蔽此商品</source>
        <translation>Block this listing</translation>
    </message>
    <message>
        <source>解除屏蔽</source>
        <translation>Unblock</translation>
    </message>
    <message>
        <source>请先粘贴商品链接或 ID</source>
        <translation>Paste an item link or ID first</translation>
    </message>
    <message>
        <source>正在解析短链接……</source>
        <translation>Resolving the short link…</translation>
    </message>
    <message>
        <source>还没有可用的调用凭据</source>
        <translation>No usable credentials yet</translation>
    </message>
    <message>
        <source>正在估算这次比价要用的调用……</source>
        <translation>Working out the calls this comparison needs…</translation>
    </message>
    <message>
        <source>正在比价……</source>
        <translation>Comparing…</translation>
    </message>
    <message>
        <source>已取消比价</source>
        <translation>Comparison cancelled</translation>
    </message>
    <message>
        <source>导出行情</source>
        <translation>Export market</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>行情已导出到 %1</source>
        <translation>Market exported to %1</translation>
    </message>
    <message>
        <source>没有在输入中找到商品 ID 或链接</source>
        <translation>No item ID or link found in the input</translation>
    </message>
    <message>
        <source>比价没有完成</source>
        <translation>The comparison did not finish</translation>
    </message>
</context>
<context>
    <name>MarketTexts</name>
    <message>
        <source>性价比得分（0–100）：
每种成色有一个等级 r（全新 5，九成新 4，八成新 3，七成新 2，六成新及以下 1，配件机 0；未知按 2）；
合理价 = M × 1.07^(r商品 − r中位)，M 为同款的中位价，r中位 为同款成色等级的中位数；
q = 标价 ÷ 合理价；得分 = 100 ÷ (1 + q⁴)，保留一位小数。
标价等于合理价得 50 分，半价得 94 分，1.5 倍得 16 分：越便宜分越高，同价时成色越好分越高。</source>
        <translation>Value score (0–100):
each condition has a rank r (new 5, like new 4, very good 3, good 2, acceptable or worse 1, for parts 0; unknown 2);
fair = M × 1.07^(r_item − r_median), M the comparables&apos; median price, r_median the median of their ranks;
q = price ÷ fair; score = 100 ÷ (1 + q⁴), one decimal.
At the fair price the score is 50, at half of it 94, at 1.5 times it 16: cheaper scores higher, and at the same price a better condition scores higher.</translation>
    </message>
    <message>
        <source>商品本身 %1 次</source>
        <translation>the item itself %1</translation>
    </message>
    <message>
        <source>商品本身用缓存或已有的数据（不花调用）</source>
        <translation>the item itself from the cache or at hand (no call)</translation>
    </message>
    <message>
        <source>同款搜索最多 %1 页</source>
        <translation>up to %1 search pages</translation>
    </message>
    <message>
        <source>（另有 %1 页用缓存，不花调用）</source>
        <translation> (%1 more pages from the cache, no call)</translation>
    </message>
    <message>
        <source>成交记录最多查 %1 件同款</source>
        <translation>sales of up to %1 comparables</translation>
    </message>
    <message>
        <source>这次比价最多用 %1 次调用（上限 %2 次）：%3。今日还剩 %4 次。</source>
        <translation>This comparison uses at most %1 calls (limit %2): %3. %4 calls left today.</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>今日剩下的调用不够这次比价用完。</source>
        <translation> Today&apos;s remaining calls are not enough for all of it.</translation>
    </message>
    <message>
        <source>没有包括：</source>
        <translation> Left out: </translation>
    </message>
    <message>
        <source>正在查询商品……</source>
        <translation>Looking up the item…</translation>
    </message>
    <message>
        <source>正在搜索同款……</source>
        <translation>Searching for the same product…</translation>
    </message>
    <message>
        <source>正在查同款的成交记录……</source>
        <translation>Looking up the comparables&apos; sales…</translation>
    </message>
    <message>
        <source>比价完成</source>
        <translation>Comparison done</translation>
    </message>
    <message>
        <source>（已用 %1 次调用）</source>
        <translation> (%1 calls used)</translation>
    </message>
    <message>
        <source>比价完成：用了 %1 次调用</source>
        <translation>Comparison done: %1 calls used</translation>
    </message>
    <message>
        <source>（商品本身用缓存）</source>
        <translation> (the item itself from the cache)</translation>
    </message>
    <message>
        <source>同款行情一条也没有取到，下面只有商品本身。</source>
        <translation>None of the market could be fetched: only the item itself is shown.</translation>
    </message>
    <message>
        <source>已按你的调整重新计算（没有用调用）：纳入 %1 件，排除 %2 件</source>
        <translation>Recomputed with your changes (no call): %1 included, %2 excluded</translation>
    </message>
    <message>
        <source>行情可信：%1 件同款，%2 位卖家</source>
        <translation>Enough evidence: %1 comparables from %2 sellers</translation>
    </message>
    <message>
        <source>（推断）</source>
        <translation> (inferred)</translation>
    </message>
    <message>
        <source>成色：</source>
        <translation>Condition: </translation>
    </message>
    <message>
        <source>类目：</source>
        <translation>Category: </translation>
    </message>
    <message>
        <source>原价：</source>
        <translation>Original price: </translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>样本不足：只找到 %1 件同款、%2 位卖家（至少要 %3 件、%4 位卖家），不给建议价。</source>
        <translation>Too few to judge: only %1 comparables from %2 sellers (at least %3 and %4 are needed), so no price is suggested.</translation>
    </message>
    <message>
        <source>性价比得分：无法计算（没有价格或没有同款）</source>
        <translation>Value score: cannot be computed (no price or no comparables)</translation>
    </message>
    <message>
        <source>性价比得分 %1 / 100</source>
        <translation>Value score %1 / 100</translation>
    </message>
    <message>
        <source>价格分位 %1%（比约 %1% 的同款贵）</source>
        <translation>Price percentile %1% (dearer than about %1% of the comparables)</translation>
    </message>
    <message>
        <source>中位价 %1（P25 %2 – P75 %3），均价 %4，最低 %5，最高 %6</source>
        <translation>Median %1 (P25 %2 – P75 %3), mean %4, lowest %5, highest %6</translation>
    </message>
    <message>
        <source>成交中位价 %1</source>
        <translation>Median sold price %1</translation>
    </message>
    <message>
        <source>样本不足，不给建议价</source>
        <translation>Too few to judge: no price suggested</translation>
    </message>
    <message>
        <source>，近期成交中位价 %1</source>
        <translation>, recent median sold price %1</translation>
    </message>
    <message>
        <source>同款在售 %1 件（%2 位卖家），中位价 %3%4：标 %5 比约四分之三的同款便宜，容易很快卖出；标 %6 在中位价与较高的四分之一之间，需要多等买家。</source>
        <translation>%1 on sale (%2 sellers), median %3%4: at %5 it is cheaper than about three quarters of them and should sell fast; at %6 it sits between the median and the dearest quarter and needs more patience.</translation>
    </message>
    <message>
        <source>快速出手价 %1&#x3000;耐心价 %2</source>
        <translation>Quick sale %1   Patient %2</translation>
    </message>
</context>
<context>
    <name>MarketView</name>
    <message>
        <source>粘贴商品链接或 ID（也可以是自己在售商品的链接），按回车比价</source>
        <translation>Paste an item link or ID (your own listing&apos;s too) and press Enter to compare</translation>
    </message>
    <message>
        <source>最多 </source>
        <translation>at most </translation>
    </message>
    <message>
        <source> 次调用</source>
        <translation> calls</translation>
    </message>
    <message>
        <source>这次比价最多用多少次网关调用（缓存命中不算）</source>
        <translation>The most gateway calls this comparison may use (cache hits are free)</translation>
    </message>
    <message>
        <source>比价</source>
        <translation>Compare</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>导出行情…</source>
        <translation>Export market…</translation>
    </message>
    <message>
        <source>把这次比价（每件同款及纳入或排除的原因、统计和建议价）导出为 Excel</source>
        <translation>Export this comparison (every listing with why it was included or excluded, the statistics and the suggested prices) to Excel</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>MineToggle</name>
    <message>
        <source>我的</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>标为我的商品：按关注的节奏比价（在今日额度之内），同款商品标价比它低出降价提醒幅度时提醒</source>
        <translation>Mark as my listing: its market is compared on the watch schedule (within today&apos;s quota), and you are alerted when a same-product listing asks less than it by the drop-alert threshold</translation>
    </message>
</context>
<context>
    <name>NotifyPage</name>
    <message>
        <source>关闭窗口后留在系统托盘，继续定时检查关注的商品</source>
        <translation>When the window is closed, stay in the system tray and keep checking watched items</translation>
    </message>
    <message>
        <source>登录电脑时自动启动（只在托盘中运行）</source>
        <translation>Start when I log in (in the tray only)</translation>
    </message>
    <message>
        <source>后台运行</source>
        <translation>Running in the background</translation>
    </message>
    <message>
        <source>免打扰时段（北京时间）</source>
        <translation>Quiet hours (Beijing time)</translation>
    </message>
    <message>
        <source> 条</source>
        <translation> messages</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>发送时机</source>
        <translation>When to send</translation>
    </message>
    <message>
        <source>免打扰时段内的提醒会暂存，结束时合成一条汇总发出。</source>
        <translation>Alerts during quiet hours are held and sent as one digest when they end.</translation>
    </message>
    <message>
        <source>每个渠道每天最多</source>
        <translation>At most per channel per day</translation>
    </message>
    <message>
        <source>同一商品两次推送至少间隔</source>
        <translation>At least this long between two pushes for the same item</translation>
    </message>
    <message>
        <source>免打扰时段的开始和结束不能相同</source>
        <translation>Quiet hours cannot start and end at the same time</translation>
    </message>
    <message>
        <source>这台电脑的桌面没有系统托盘，关闭窗口就会退出，无法在后台继续检查。</source>
        <translation>This desktop has no system tray: closing the window quits, and nothing is checked in the background.</translation>
    </message>
    <message>
        <source>可以改用命令 xianyu-desktop watch schedule install，让系统定时检查。</source>
        <translation>Use the command xianyu-desktop watch schedule install instead to have the system check on a schedule.</translation>
    </message>
    <message>
        <source>点托盘图标可以重新打开窗口；在托盘菜单里选“退出”才会真正退出。</source>
        <translation>Click the tray icon to open the window again; choose “Quit” in the tray menu to really quit.</translation>
    </message>
    <message>
        <source>这个操作系统不支持登录时自动启动。</source>
        <translation>Starting at login is not supported on this operating system.</translation>
    </message>
    <message>
        <source>启动项：%1</source>
        <translation>Login entry: %1</translation>
    </message>
    <message>
        <source>没有系统托盘：登录时会最小化打开窗口。启动项：%1</source>
        <translation>No system tray: the window opens minimised at login. Login entry: %1</translation>
    </message>
    <message>
        <source>无法读取登录启动项：%1</source>
        <translation>Could not read the login entry: %1</translation>
    </message>
</context>
<context>
    <name>PriceChart</name>
    <message>
        <source>选择一个关注的商品查看价格走势</source>
        <translation>Select a watched item to see its price history</translation>
    </message>
    <message>
        <source>价格（元）</source>
        <translation>Price (¥)</translation>
    </message>
    <message>
        <source>%1：暂无价格记录</source>
        <translation>%1: no price records yet</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>缓存</source>
        <translation>Cache</translation>
    </message>
    <message>
        <source>网关</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <source>商品ID</source>
        <translation>Item ID</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>价格</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>原价</source>
        <translation>Original price</translation>
    </message>
    <message>
        <source>成色</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>所在地</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>卖家</source>
        <translation>Seller</translation>
    </message>
    <message>
        <source>好评率</source>
        <translation>Positive rating</translation>
    </message>
    <message>
        <source>上架时间</source>
        <translation>Listed</translation>
    </message>
    <message>
        <source>获取时间</source>
        <translation>Fetched</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
</context>
<context>
    <name>SavedSearchDialog</name>
    <message>
        <source>添加关键词监控</source>
        <translation>Add a saved search</translation>
    </message>
    <message>
        <source>关键词，如 iPhone 14 Pro</source>
        <translation>Keywords, e.g. iPhone 14 Pro</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>不限（省份或城市）</source>
        <translation>Any (a province or city)</translation>
    </message>
    <message>
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <source>最高价（元）</source>
        <translation>Max price (yuan)</translation>
    </message>
    <message>
        <source>成色</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>所在地</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>第一次检查只记录现有的商品；之后有新发布的商品才提醒。</source>
        <translation>The first check only records the listings there are; after that, each new listing raises an alert.</translation>
    </message>
</context>
<context>
    <name>SavedSearchesBox</name>
    <message>
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <source>筛选</source>
        <translation>Filters</translation>
    </message>
    <message>
        <source>上次运行</source>
        <translation>Last run</translation>
    </message>
    <message>
        <source>下次运行</source>
        <translation>Next run</translation>
    </message>
    <message>
        <source>新发布</source>
        <translation>New listings</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>添加关键词监控</source>
        <translation>Add a saved search</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>关键词监控</source>
        <translation>Saved searches</translation>
    </message>
    <message>
        <source>范围太大（超过 %1 条，只看最新的）：请加最高价或关键词</source>
        <translation>Too broad (over %1 results, only the newest are read): add a max price or words</translation>
    </message>
    <message>
        <source>等待第一次检查（只记录，不提醒）</source>
        <translation>Waiting for its first check (records only, no alerts)</translation>
    </message>
    <message>
        <source>已记录 %1 个商品</source>
        <translation>%1 listings recorded</translation>
    </message>
    <message>
        <source>下一轮</source>
        <translation>Next round</translation>
    </message>
    <message>
        <source>未运行</source>
        <translation>Not run yet</translation>
    </message>
    <message>
        <source>≤%1</source>
        <translation>≤%1</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>已保存关键词监控：%1</source>
        <translation>Saved search added: %1</translation>
    </message>
    <message>
        <source>已删除 %1 个关键词监控</source>
        <translation>Removed %1 saved searches</translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message>
        <source>图片</source>
        <translation>Picture</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>价格</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>成色</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>所在地</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>卖家</source>
        <translation>Seller</translation>
    </message>
    <message>
        <source>上架时间</source>
        <translation>Listed</translation>
    </message>
</context>
<context>
    <name>SearchTab</name>
    <message>
        <source>还没有可用的调用凭据</source>
        <translation>No usable API credentials yet</translation>
    </message>
    <message>
        <source>正在搜索第 %1 页……</source>
        <translation>Searching page %1…</translation>
    </message>
    <message>
        <source>正在搜索……</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>正在搜索第 %1 页……（今日还剩 %2 次调用）</source>
        <translation>Searching page %1… (%2 calls left today)</translation>
    </message>
    <message>
        <source>第 %1 页来自缓存，没有用调用</source>
        <translation>page %1 came from the cache, no call used</translation>
    </message>
    <message numerus="yes">
        <source>第 %1 页用了 %n 次调用</source>
        <translation>
            <numerusform>page %1 used %n call</numerusform>
            <numerusform>page %1 used %n calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，%n 条已显示过</source>
        <translation>
            <numerusform>, %n already shown</numerusform>
            <numerusform>, %n already shown</numerusform>
        </translation>
    </message>
    <message>
        <source>搜索没有完成：</source>
        <translation>The search did not finish: </translation>
    </message>
    <message>
        <source>没有找到相符的商品。换个关键词，或放宽价格、成色、所在地再试</source>
        <translation>Nothing found. Try another keyword, or widen the price, condition or location</translation>
    </message>
    <message>
        <source>共 %1 条结果，已显示 %2 条</source>
        <translation>%1 results, %2 shown</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message numerus="yes">
        <source>；%n 条无法读取，已略过</source>
        <translation>
            <numerusform>; %n listing could not be read and was left out</numerusform>
            <numerusform>; %n listings could not be read and were left out</numerusform>
        </translation>
    </message>
    <message>
        <source>；今日还剩 %1 次调用</source>
        <translation>; %1 calls left today</translation>
    </message>
    <message>
        <source>搜索没有完成</source>
        <translation>The search did not finish</translation>
    </message>
    <message>
        <source>已取消搜索</source>
        <translation>Search cancelled</translation>
    </message>
    <message>
        <source>；已显示 %1 条</source>
        <translation>; %1 shown</translation>
    </message>
    <message>
        <source>%v / %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <source>请先在搜索结果中选择要关注的商品</source>
        <translation>Select the listings to watch in the search results first</translation>
    </message>
    <message>
        <source>请先在搜索结果中选择要查询的商品</source>
        <translation>Select the listings to look up in the search results first</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <source>搜索关键词，例如 iPhone 14 Pro，按回车搜索</source>
        <translation>Keywords, e.g. iPhone 14 Pro; press Enter to search</translation>
    </message>
    <message>
        <source>综合</source>
        <translation>Best match</translation>
    </message>
    <message>
        <source>价格从低到高</source>
        <translation>Price: low to high</translation>
    </message>
    <message>
        <source>价格从高到低</source>
        <translation>Price: high to low</translation>
    </message>
    <message>
        <source>最新发布</source>
        <translation>Newest</translation>
    </message>
    <message>
        <source>最低价（元）</source>
        <translation>Min price (yuan)</translation>
    </message>
    <message>
        <source>最高价（元）</source>
        <translation>Max price (yuan)</translation>
    </message>
    <message>
        <source>任何成色</source>
        <translation>Any condition</translation>
    </message>
    <message>
        <source>所在地（省份或城市，可不填）</source>
        <translation>Location (province or city, optional)</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>更多</source>
        <translation>More</translation>
    </message>
    <message>
        <source>再加载一页（50 条），已显示的不会重复</source>
        <translation>Load another page (50); listings already shown are not repeated</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>不用缓存，重新向网关搜索</source>
        <translation>Search the gateway again, without the cache</translation>
    </message>
    <message>
        <source>加入关注</source>
        <translation>Add to watchlist</translation>
    </message>
    <message>
        <source>查询详情</source>
        <translation>Look up details</translation>
    </message>
    <message>
        <source>在“查询”页查询所选商品的完整信息</source>
        <translation>Look up the selected listings in full on the Lookup tab</translation>
    </message>
    <message>
        <source>保存为关键词监控</source>
        <translation>Save as keyword monitor</translation>
    </message>
    <message>
        <source>把这个关键词和筛选条件加到“关注”页的关键词监控：有新发布的商品时提醒</source>
        <translation>Add this keyword and its filters to the keyword monitors on the Watchlist tab: you are told when something new is listed</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>简体中文</source>
        <translation>Simplified Chinese</translation>
    </message>
    <message>
        <source>英语</source>
        <translation>English</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>%1（每天 %2 次，每秒 %3 次）</source>
        <translation>%1 (%2 calls a day, %3 per second)</translation>
    </message>
    <message>
        <source>调用凭据</source>
        <translation>API credentials</translation>
    </message>
    <message>
        <source>app_key</source>
        <translation>app_key</translation>
    </message>
    <message>
        <source>app_secret</source>
        <translation>app_secret</translation>
    </message>
    <message>
        <source>权限等级</source>
        <translation>Access tier</translation>
    </message>
    <message>
        <source>网关地址</source>
        <translation>Gateway URL</translation>
    </message>
    <message>
        <source>演示模式使用内置沙盒网关和演示账号，这里的凭据不会被使用。</source>
        <translation>Demo mode uses the built-in sandbox gateway and a demo account; the credentials here are not used.</translation>
    </message>
    <message>
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <source>请求、缓存与关注检查</source>
        <translation>Requests, cache and watchlist checks</translation>
    </message>
    <message>
        <source>请求超时</source>
        <translation>Request timeout</translation>
    </message>
    <message>
        <source>在售商品缓存</source>
        <translation>Cache items on sale for</translation>
    </message>
    <message>
        <source>已售商品缓存</source>
        <translation>Cache sold items for</translation>
    </message>
    <message>
        <source>下架商品缓存</source>
        <translation>Cache delisted items for</translation>
    </message>
    <message>
        <source>无数据缓存</source>
        <translation>Cache “no data” answers for</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>在售商品检查间隔</source>
        <translation>Check items on sale every</translation>
    </message>
    <message>
        <source>已售商品检查间隔</source>
        <translation>Check sold items every</translation>
    </message>
    <message>
        <source>下架商品检查间隔</source>
        <translation>Check delisted items every</translation>
    </message>
    <message>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>界面语言在重启后生效。</source>
        <translation>The new language takes effect after a restart.</translation>
    </message>
    <message>
        <source>界面</source>
        <translation>Interface</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>常规</source>
        <translation>General</translation>
    </message>
    <message>
        <source>通知</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>已保存（留空则保持不变）</source>
        <translation>Saved (leave empty to keep it)</translation>
    </message>
    <message>
        <source>密钥保存在：%1</source>
        <translation>Secret stored in: %1</translation>
    </message>
    <message>
        <source>请填写 app_key</source>
        <translation>Please enter the app_key</translation>
    </message>
    <message>
        <source>登录启动项没能保存：%1</source>
        <translation>The login entry was not saved: %1</translation>
    </message>
    <message>
        <source>保存没有完成</source>
        <translation>The settings were not saved</translation>
    </message>
    <message>
        <source>测试没有完成</source>
        <translation>The test did not finish</translation>
    </message>
    <message>
        <source>连接正常：网关接受了签名和时间戳。</source>
        <translation>Connection OK: the gateway accepted the signature and timestamp.</translation>
    </message>
    <message>
        <source>正在测试……</source>
        <translation>Testing…</translation>
    </message>
</context>
<context>
    <name>WatchAdd</name>
    <message>
        <source>已加入关注 %1 个</source>
        <translation>Added %1 item(s) to the watchlist</translation>
    </message>
    <message>
        <source>（%1 个已在关注中）</source>
        <translation> (%1 already watched)</translation>
    </message>
</context>
<context>
    <name>WatchModel</name>
    <message>
        <source>未检查</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <source>商品ID</source>
        <translation>Item ID</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>现价</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>上次价格</source>
        <translation>Previous price</translation>
    </message>
    <message>
        <source>涨跌幅</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>最低价</source>
        <translation>Lowest</translation>
    </message>
    <message>
        <source>目标价</source>
        <translation>Target price</translation>
    </message>
    <message>
        <source>降价提醒</source>
        <translation>Drop alert</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>最后检查</source>
        <translation>Last checked</translation>
    </message>
    <message>
        <source>下次检查</source>
        <translation>Next check</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>我的</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>备注最多 %1 个字</source>
        <translation>A note can be at most %1 characters</translation>
    </message>
    <message>
        <source>请输入数字</source>
        <translation>Please enter a number</translation>
    </message>
    <message>
        <source>数字不在有效范围内</source>
        <translation>The number is out of range</translation>
    </message>
</context>
<context>
    <name>WatchTab</name>
    <message>
        <source>已暂停定时检查</source>
        <translation>Scheduled checks paused</translation>
    </message>
    <message>
        <source>还没有可用的调用凭据，关注的商品不会被检查。</source>
        <translation>No usable API credentials yet: watched items are not checked.</translation>
    </message>
    <message>
        <source>推送到 %1 没有成功，会在下一轮重试</source>
        <translation>Pushing to %1 did not succeed; it is retried in the next round</translation>
    </message>
    <message>
        <source>还没有可用的调用凭据</source>
        <translation>No usable API credentials yet</translation>
    </message>
    <message>
        <source>正在检查关注的商品……</source>
        <translation>Checking watched items…</translation>
    </message>
    <message>
        <source>（另有 %1 条提醒）</source>
        <translation> (+%1 more)</translation>
    </message>
    <message>
        <source>闲鱼关注提醒</source>
        <translation>Xianyu watchlist alert</translation>
    </message>
    <message>
        <source>另一个程序（进程 %1，%2）正在检查关注的商品，这一轮没有检查，以免重复。</source>
        <translation>Another program (process %1, %2) is checking the watched items: this round was skipped so nothing is checked twice.</translation>
    </message>
    <message>
        <source>检查了 %1 个关注的商品，%2 条新提醒</source>
        <translation>Checked %1 watched item(s), %2 new alert(s)</translation>
    </message>
    <message>
        <source>检查没有完成</source>
        <translation>The check did not finish</translation>
    </message>
    <message>
        <source>已移除 %1 个关注</source>
        <translation>Removed %1 item(s) from the watchlist</translation>
    </message>
    <message>
        <source>已暂停 %1 个商品的提醒一天</source>
        <translation>Alerts snoozed for a day on %1 item(s)</translation>
    </message>
</context>
<context>
    <name>WatchView</name>
    <message>
        <source>立即检查</source>
        <translation>Check now</translation>
    </message>
    <message>
        <source>暂停定时检查</source>
        <translation>Pause scheduled checks</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>筛选关注的商品</source>
        <translation>Filter watched items</translation>
    </message>
    <message>
        <source>全部标为已读</source>
        <translation>Mark all as read</translation>
    </message>
    <message>
        <source>所选商品暂停提醒一天</source>
        <translation>Snooze selected for a day</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Alerts</translation>
    </message>
</context>
<context>
    <name>WindowTray</name>
    <message>
        <source>打开窗口</source>
        <translation>Open window</translation>
    </message>
    <message>
        <source>立即检查</source>
        <translation>Check now</translation>
    </message>
    <message>
        <source>暂停定时检查</source>
        <translation>Pause scheduled checks</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>闲鱼桌面助手</source>
        <translation>Xianyu Desk</translation>
    </message>
    <message>
        <source>继续定时检查</source>
        <translation>Resume scheduled checks</translation>
    </message>
    <message>
        <source>闲鱼桌面助手仍在运行</source>
        <translation>Xianyu Desk is still running</translation>
    </message>
    <message>
        <source>关注的商品会继续定时检查。点托盘图标打开窗口，或在它的菜单里选“退出”。</source>
        <translation>Your watched items are still checked on schedule. Click the tray icon to open the window, or choose “Quit” in its menu.</translation>
    </message>
    <message>
        <source>关闭窗口</source>
        <translation>Close window</translation>
    </message>
    <message>
        <source>关闭窗口后，要让闲鱼桌面助手留在系统托盘里继续检查关注的商品吗？</source>
        <translation>When the window is closed, should Xianyu Desk stay in the system tray and keep checking your watched items?</translation>
    </message>
    <message>
        <source>留在托盘：价格变化和售出等提醒照常到来（托盘通知和已设置的推送渠道），点托盘图标可以重新打开窗口，在托盘菜单里选“退出”才会真正退出。
退出：窗口关闭后就不再检查。
以后可以在“设置 → 通知”里更改。</source>
        <translation>Stay in tray: alerts for price changes, sales and the rest keep coming (tray notifications and the push channels you set up); click the tray icon to open the window again, and choose “Quit” in the tray menu to really quit.
Quit: nothing is checked once the window is closed.
You can change this later in Settings → Notifications.</translation>
    </message>
    <message>
        <source>留在托盘</source>
        <translation>Stay in tray</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>认证失败</source>
        <translation>Authentication failed</translation>
    </message>
    <message>
        <source>时间不同步</source>
        <translation>Clock out of sync</translation>
    </message>
    <message>
        <source>权限不足</source>
        <translation>Permission denied</translation>
    </message>
    <message>
        <source>调用过于频繁</source>
        <translation>Too many calls</translation>
    </message>
    <message>
        <source>今日额度已用完</source>
        <translation>Today&apos;s quota used up</translation>
    </message>
    <message>
        <source>参数错误</source>
        <translation>Invalid parameters</translation>
    </message>
    <message>
        <source>无商品数据</source>
        <translation>No item data</translation>
    </message>
    <message>
        <source>响应超时</source>
        <translation>Response timed out</translation>
    </message>
    <message>
        <source>网关服务异常</source>
        <translation>Gateway error</translation>
    </message>
    <message>
        <source>网络异常</source>
        <translation>Network error</translation>
    </message>
    <message>
        <source>网关证书无法验证</source>
        <translation>Gateway certificate not trusted</translation>
    </message>
    <message>
        <source>网关返回了无法识别的内容</source>
        <translation>Unreadable gateway response</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>未查询</source>
        <translation>Not looked up</translation>
    </message>
    <message>
        <source>请核对 app_key 和 app_secret 是否与开放平台一致，并确认电脑时间准确。</source>
        <translation>Check that app_key and app_secret match the open platform, and that the computer clock is correct.</translation>
    </message>
    <message>
        <source>请校准电脑时间（开启自动同步时间），时间戳必须在网关时间前后 5 分钟内。</source>
        <translation>Correct the computer clock (turn on automatic time sync): the timestamp must be within 5 minutes of the gateway&apos;s time.</translation>
    </message>
    <message>
        <source>请在开放平台申请所用接口（item_get、item_search）及所需字段的权限，并把本机 IP 加入白名单。</source>
        <translation>Apply on the open platform for access to the methods you use (item_get, item_search) and the fields you need, and add this computer&apos;s IP address to the whitelist.</translation>
    </message>
    <message>
        <source>调用频率超过了权限等级的上限，稍后会自动重试；可降低并发或升级权限。</source>
        <translation>Calls exceeded the rate of your tier; they will be retried automatically. Use fewer parallel calls or upgrade your tier.</translation>
    </message>
    <message>
        <source>今日调用次数已用完，北京时间零点重置；可减少关注数量或升级权限。</source>
        <translation>Today&apos;s calls are used up; the quota resets at midnight Beijing time. Watch fewer items or upgrade your tier.</translation>
    </message>
    <message>
        <source>请核对请求参数：商品 ID（10–19 位数字，从商品链接中提取）、字段列表或搜索条件。</source>
        <translation>Check the request: the item ID (10–19 digits, taken from the item link), the field list or the search terms.</translation>
    </message>
    <message>
        <source>商品可能已删除、下架、违规或设为私密，请在闲鱼中确认。</source>
        <translation>The item may have been deleted, taken down, removed for a violation or made private; check it in Xianyu.</translation>
    </message>
    <message>
        <source>网关响应超时，稍后重试；可减少请求的字段数量。</source>
        <translation>The gateway did not answer in time; try again later, or request fewer fields.</translation>
    </message>
    <message>
        <source>网关暂时异常，稍后重试。</source>
        <translation>The gateway has a temporary problem; try again later.</translation>
    </message>
    <message>
        <source>无法连接网关，请检查网络连接、代理设置和网关地址。</source>
        <translation>Cannot reach the gateway: check the network connection, proxy settings and gateway address.</translation>
    </message>
    <message>
        <source>请核对网关地址，检查系统根证书和电脑时间；若代理或安全软件拦截了 HTTPS，请关闭拦截或换个网络。</source>
        <translation>Check the gateway address, the system&apos;s root certificates and the computer&apos;s clock; if a proxy or security software intercepts HTTPS, turn the interception off or use another network.</translation>
    </message>
    <message>
        <source>网关返回的内容不是有效的接口响应，请检查网关地址是否正确，或稍后重试。</source>
        <translation>The gateway did not return a valid API response: check that the gateway address is right, or try again later.</translation>
    </message>
    <message>
        <source>查询已被取消。</source>
        <translation>The lookup was cancelled.</translation>
    </message>
    <message>
        <source>没有为这个商品发出请求，也没有计入今日额度；按同批那条错误的提示改正后重新查询。</source>
        <translation>No request was sent for this item and nothing was counted against today&apos;s quota; fix what the error of the batch says, then look up again.</translation>
    </message>
    <message>
        <source>全新</source>
        <translation>New</translation>
    </message>
    <message>
        <source>九成新</source>
        <translation>Like new</translation>
    </message>
    <message>
        <source>八成新</source>
        <translation>Very good</translation>
    </message>
    <message>
        <source>七成新</source>
        <translation>Good</translation>
    </message>
    <message>
        <source>六成新及以下</source>
        <translation>Acceptable</translation>
    </message>
    <message>
        <source>在售</source>
        <translation>On sale</translation>
    </message>
    <message>
        <source>已售</source>
        <translation>Sold</translation>
    </message>
    <message>
        <source>下架</source>
        <translation>Taken down</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>个人测试</source>
        <translation>Personal test</translation>
    </message>
    <message>
        <source>企业基础</source>
        <translation>Business basic</translation>
    </message>
    <message>
        <source>企业高级</source>
        <translation>Business advanced</translation>
    </message>
    <message>
        <source>已删除或不可见</source>
        <translation>Deleted or not visible</translation>
    </message>
    <message>
        <source>商品ID</source>
        <translation>Item ID</translation>
    </message>
    <message>
        <source>商品标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>商品标价(元)</source>
        <translation>Price (¥)</translation>
    </message>
    <message>
        <source>原价(元)</source>
        <translation>Original price (¥)</translation>
    </message>
    <message>
        <source>商品成色</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>商品类目</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>商品状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已售数量</source>
        <translation>Sold count</translation>
    </message>
    <message>
        <source>物流方式</source>
        <translation>Shipping</translation>
    </message>
    <message>
        <source>商品所在地</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>上架时间</source>
        <translation>Listed at</translation>
    </message>
    <message>
        <source>保障服务</source>
        <translation>Guarantees</translation>
    </message>
    <message>
        <source>卖家昵称</source>
        <translation>Seller</translation>
    </message>
    <message>
        <source>卖家等级</source>
        <translation>Seller level</translation>
    </message>
    <message>
        <source>卖家好评率</source>
        <translation>Seller rating</translation>
    </message>
    <message>
        <source>请求时间</source>
        <translation>Fetched at</translation>
    </message>
    <message>
        <source>链接</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>首次价格</source>
        <translation>First price</translation>
    </message>
    <message>
        <source>最低价</source>
        <translation>Lowest price</translation>
    </message>
    <message>
        <source>涨跌幅</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>目标价</source>
        <translation>Target price</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>最后检查</source>
        <translation>Last checked</translation>
    </message>
    <message>
        <source>关注列表是空的</source>
        <translation>The watchlist is empty</translation>
    </message>
    <message>
        <source>；%1 个我的商品约每 %2比价一次（每轮共约 %3 次调用）</source>
        <translation>; %1 of my listings compared about every %2 (about %3 calls a round)</translation>
    </message>
    <message>
        <source>，%1 个关键词监控（每轮 %2 次调用）</source>
        <translation>, %1 saved searches (%2 calls a round)</translation>
    </message>
    <message>
        <source>%1 个商品%2：今日额度只剩留给手动查询的部分，定时检查暂停，北京时间 0 点恢复</source>
        <translation>%1 items%2: what is left of today&apos;s quota is kept for your own lookups; scheduled checks pause until midnight Beijing time</translation>
    </message>
    <message>
        <source>%1 个商品%3，在售商品和关键词约每 %2检查一次</source>
        <translation>%1 items%3; items on sale and saved searches are checked about every %2</translation>
    </message>
    <message>
        <source>%1 个商品，在售商品约每 %2检查一次</source>
        <translation>%1 items; items on sale are checked about every %2</translation>
    </message>
    <message>
        <source>（为不超出今日额度，已从每 %1放慢 %2 倍）</source>
        <translation> (slowed %2 times from every %1 to stay within today&apos;s quota)</translation>
    </message>
    <message>
        <source>，在今日额度之内</source>
        <translation>, within today&apos;s quota</translation>
    </message>
    <message>
        <source>%1 小时</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 分钟</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>脚本也可以改用环境变量 XIANYU_APP_SECRET。</source>
        <translation>Scripts can use the environment variable XIANYU_APP_SECRET instead.</translation>
    </message>
    <message>
        <source>为安全起见，密钥不会被写入普通文件。</source>
        <translation>For safety, the secret is never written to a plain file.</translation>
    </message>
    <message>
        <source>在 Linux 上请安装并解锁 GNOME 钥匙环（gnome-keyring）或 KWallet；没有图形界面时可在 dbus-run-session 中运行 gnome-keyring-daemon --unlock。</source>
        <translation>On Linux, install and unlock GNOME Keyring (gnome-keyring) or KWallet; without a desktop session, run gnome-keyring-daemon --unlock inside dbus-run-session.</translation>
    </message>
    <message>
        <source>请确认“钥匙串访问”可用且登录钥匙串已解锁。</source>
        <translation>Check that Keychain Access works and the login keychain is unlocked.</translation>
    </message>
    <message>
        <source>请确认 Windows 凭据管理器可用。</source>
        <translation>Check that Windows Credential Manager is available.</translation>
    </message>
    <message>
        <source>系统钥匙环（Secret Service：GNOME 钥匙环 / KWallet）</source>
        <translation>the system keyring (Secret Service: GNOME Keyring / KWallet)</translation>
    </message>
    <message>
        <source>系统钥匙环（libsecret）</source>
        <translation>the system keyring (libsecret)</translation>
    </message>
    <message>
        <source>macOS 钥匙串</source>
        <translation>the macOS Keychain</translation>
    </message>
    <message>
        <source>Windows 凭据管理器</source>
        <translation>Windows Credential Manager</translation>
    </message>
    <message>
        <source>没有找到可用的系统钥匙环。</source>
        <translation>No usable system keyring was found.</translation>
    </message>
    <message>
        <source>没有找到可用的系统钥匙环（当前只有不安全或不可用的后端）。</source>
        <translation>No usable system keyring was found (only unsafe or unusable backends are available).</translation>
    </message>
    <message>
        <source>系统钥匙环已锁定，无法保存密钥。</source>
        <translation>The system keyring is locked: the secret cannot be saved.</translation>
    </message>
    <message>
        <source>系统钥匙环拒绝保存密钥（%1）。</source>
        <translation>The system keyring refused to save the secret (%1).</translation>
    </message>
    <message>
        <source>系统钥匙环已锁定，无法读取密钥。</source>
        <translation>The system keyring is locked: the secret cannot be read.</translation>
    </message>
    <message>
        <source>无法从系统钥匙环读取密钥（%1）。</source>
        <translation>The secret could not be read from the system keyring (%1).</translation>
    </message>
    <message>
        <source>无法从系统钥匙环删除密钥（%1）。</source>
        <translation>The secret could not be deleted from the system keyring (%1).</translation>
    </message>
    <message>
        <source>「%1」</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>%1 降价 %2%：%3 → %4</source>
        <translation>%1: price down %2%: %3 → %4</translation>
    </message>
    <message>
        <source>%1 涨价 %2%：%3 → %4</source>
        <translation>%1: price up %2%: %3 → %4</translation>
    </message>
    <message>
        <source>%1 到达目标价 %2：现价 %3</source>
        <translation>%1 reached your target price of %2: now %3</translation>
    </message>
    <message>
        <source>%1 到达目标价：现价 %2</source>
        <translation>%1 reached your target price: now %2</translation>
    </message>
    <message>
        <source>（原价 %1，降 %2%）</source>
        <translation> (was %1, down %2%)</translation>
    </message>
    <message>
        <source>%1 已售出</source>
        <translation>%1 was sold</translation>
    </message>
    <message>
        <source>%1 已售出（最后价格 %2）</source>
        <translation>%1 was sold (last price %2)</translation>
    </message>
    <message>
        <source>%1 重新上架</source>
        <translation>%1 is back on sale</translation>
    </message>
    <message>
        <source>%1 重新上架，现价 %2</source>
        <translation>%1 is back on sale at %2</translation>
    </message>
    <message>
        <source>%1 已下架</source>
        <translation>%1 was taken down</translation>
    </message>
    <message>
        <source>%1 已删除或不可见（网关不再返回数据）</source>
        <translation>%1 was deleted or is no longer visible (the gateway returns no data for it)</translation>
    </message>
    <message>
        <source>关键词「%1」有新发布：%2，%3</source>
        <translation>New listing for “%1”: %2, %3</translation>
    </message>
    <message>
        <source>%1 被同款压价：%2 标价 %3，比你的 %4 低 %5%</source>
        <translation>%1 undercut by a same-product listing: %2 asks %3, %5% below your %4</translation>
    </message>
    <message>
        <source>app_secret 已使用 %1 天，建议轮换密钥（每 3 个月一次）</source>
        <translation>The app_secret is %1 days old: time to rotate the key (every 3 months)</translation>
    </message>
    <message>
        <source>类目（推断）</source>
        <translation>Category (inferred)</translation>
    </message>
    <message>
        <source>原价（推断）</source>
        <translation>Original price (inferred)</translation>
    </message>
    <message>
        <source>同款中位价</source>
        <translation>Market median</translation>
    </message>
    <message>
        <source>同款P25</source>
        <translation>Market P25</translation>
    </message>
    <message>
        <source>同款P75</source>
        <translation>Market P75</translation>
    </message>
    <message>
        <source>价格百分位</source>
        <translation>Price percentile</translation>
    </message>
    <message>
        <source>性价比得分</source>
        <translation>Value score</translation>
    </message>
    <message>
        <source>快速出手价</source>
        <translation>Quick-sale price</translation>
    </message>
    <message>
        <source>耐心价</source>
        <translation>Patient price</translation>
    </message>
    <message>
        <source>行情结论</source>
        <translation>Market verdict</translation>
    </message>
    <message>
        <source>比价时间</source>
        <translation>Compared at</translation>
    </message>
    <message>
        <source>企业微信群机器人</source>
        <translation>WeCom group bot</translation>
    </message>
    <message>
        <source>机器人 key</source>
        <translation>Bot key</translation>
    </message>
    <message>
        <source>钉钉群机器人</source>
        <translation>DingTalk group bot</translation>
    </message>
    <message>
        <source>加签密钥</source>
        <translation>Signing secret</translation>
    </message>
    <message>
        <source>飞书群机器人</source>
        <translation>Feishu group bot</translation>
    </message>
    <message>
        <source>Webhook 令牌</source>
        <translation>Webhook token</translation>
    </message>
    <message>
        <source>设备 key</source>
        <translation>Device key</translation>
    </message>
    <message>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Server酱</source>
        <translation>ServerChan</translation>
    </message>
    <message>
        <source>降价</source>
        <translation>Price drop</translation>
    </message>
    <message>
        <source>到达目标价</source>
        <translation>Target price reached</translation>
    </message>
    <message>
        <source>已售出</source>
        <translation>Sold</translation>
    </message>
    <message>
        <source>已下架</source>
        <translation>Taken down</translation>
    </message>
    <message>
        <source>重新上架</source>
        <translation>Back on sale</translation>
    </message>
    <message>
        <source>已删除</source>
        <translation>Gone</translation>
    </message>
    <message>
        <source>关键词新发布</source>
        <translation>New listing for a keyword</translation>
    </message>
    <message>
        <source>被同款低价超过</source>
        <translation>Undercut by a cheaper listing</translation>
    </message>
    <message>
        <source>涨价</source>
        <translation>Price rise</translation>
    </message>
    <message>
        <source>密钥轮换提醒</source>
        <translation>Key rotation reminder</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>网关同款</source>
        <translation>Gateway&apos;s same items</translation>
    </message>
    <message>
        <source>成交记录</source>
        <translation>Sale record</translation>
    </message>
    <message>
        <source>商品本身</source>
        <translation>The item itself</translation>
    </message>
    <message>
        <source>已屏蔽</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <source>手动排除</source>
        <translation>Excluded by hand</translation>
    </message>
    <message>
        <source>配件</source>
        <translation>Accessory</translation>
    </message>
    <message>
        <source>求购/回收</source>
        <translation>Wanted / buying</translation>
    </message>
    <message>
        <source>故障/拆机</source>
        <translation>Broken / for parts</translation>
    </message>
    <message>
        <source>不是同款（型号或规格不同）</source>
        <translation>Not the same product (model or spec differs)</translation>
    </message>
    <message>
        <source>价格无效（0 或 1 元）</source>
        <translation>No real price (0 or 1 yuan)</translation>
    </message>
    <message>
        <source>不在售</source>
        <translation>Not on sale</translation>
    </message>
    <message>
        <source>价格离群</source>
        <translation>Price outlier</translation>
    </message>
    <message>
        <source>网关的同款列表 same_items（需要企业高级权限，现在是%1）</source>
        <translation>the gateway&apos;s same-product list, same_items (needs Business advanced; this key is %1)</translation>
    </message>
    <message>
        <source>成交价 trade_record（需要企业权限，现在是%1）</source>
        <translation>sold prices, trade_record (need a business tier; this key is %1)</translation>
    </message>
    <message>
        <source>同款搜索和成交记录（调用上限只够查商品本身，结果会是样本不足）</source>
        <translation>the same-product search and sold prices (the call limit covers only the item itself: the evidence will be thin)</translation>
    </message>
    <message>
        <source>成交记录（调用上限不够，至少要 3 次才查成交价）</source>
        <translation>sold prices (the call limit is too small: they need at least 3 calls)</translation>
    </message>
    <message>
        <source>同款搜索（商品标题里没有可以搜索的词）</source>
        <translation>the same-product search (the item&apos;s title has no words to search for)</translation>
    </message>
    <message>
        <source>网关的同款列表里有 %1 条没有商品 ID 或标题，已略过</source>
        <translation>%1 entries of the gateway&apos;s same-product list had no item ID or title and were skipped</translation>
    </message>
    <message>
        <source>同款搜索只看了前 %1 页（共 %2 条结果）：分给搜索的调用用完</source>
        <translation>The same-product search read only the first %1 pages (of %2 results): the calls set aside for it were used up</translation>
    </message>
    <message>
        <source>成交记录只查了 %1 件同款（共 %2 件）：调用上限用完</source>
        <translation>Sold prices were looked up for only %1 comparables (of %2): the call limit was reached</translation>
    </message>
    <message>
        <source>%1 件同款查成交记录时网关已没有数据（可能已下架），没有成交价</source>
        <translation>%1 comparables had no data at the gateway any more when their sales were looked up (probably taken down): no sold price</translation>
    </message>
</context>
</TS>
