<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>AlertDelivery</name>
    <message>
        <source>免打扰时段</source>
        <translation>免打扰时段</translation>
    </message>
    <message>
        <source>已达每日上限</source>
        <translation>已达每日上限</translation>
    </message>
    <message>
        <source>同一商品冷却中</source>
        <translation>同一商品冷却中</translation>
    </message>
    <message>
        <source>%1 ✓</source>
        <translation>%1 ✓</translation>
    </message>
    <message>
        <source>%1 待重试</source>
        <translation>%1 待重试</translation>
    </message>
    <message>
        <source>%1 暂存（%2）</source>
        <translation>%1 暂存（%2）</translation>
    </message>
    <message>
        <source>%1 待发送</source>
        <translation>%1 待发送</translation>
    </message>
    <message>
        <source>已推送：%1</source>
        <translation>已推送：%1</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>闲鱼桌面助手</source>
        <translation>闲鱼桌面助手</translation>
    </message>
    <message>
        <source>无法使用数据文件夹 %1：%2</source>
        <translation>无法使用数据文件夹 %1：%2</translation>
    </message>
    <message>
        <source>闲鱼桌面助手已经在运行（同一个数据文件夹只能打开一个窗口）。</source>
        <translation>闲鱼桌面助手已经在运行（同一个数据文件夹只能打开一个窗口）。</translation>
    </message>
    <message>
        <source>打开数据时程序出错，错误报告：%1</source>
        <translation>打开数据时程序出错，错误报告：%1</translation>
    </message>
    <message>
        <source>（没能写入日志文件夹）</source>
        <translation>（没能写入日志文件夹）</translation>
    </message>
</context>
<context>
    <name>BatchQuestion</name>
    <message>
        <source>超出今日剩余额度</source>
        <translation>超出今日剩余额度</translation>
    </message>
    <message numerus="yes">
        <source>查询额度内的 %n 个</source>
        <translation>
            <numerusform>查询额度内的 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>这批 %1 个商品需要 %2 次调用（%3 个用缓存中的结果，不用调用）。</source>
        <translation>这批 %1 个商品需要 %2 次调用（%3 个用缓存中的结果，不用调用）。</translation>
    </message>
    <message>
        <source>这批 %1 个商品需要 %2 次调用。</source>
        <translation>这批 %1 个商品需要 %2 次调用。</translation>
    </message>
    <message>
        <source>今日还剩 %1 次调用（%2权限：每天 %3 次、每秒 %4 次）。</source>
        <translation>今日还剩 %1 次调用（%2权限：每天 %3 次、每秒 %4 次）。</translation>
    </message>
    <message>
        <source>今日额度只够查 %1 个，约需 %2。</source>
        <translation>今日额度只够查 %1 个，约需 %2。</translation>
    </message>
    <message>
        <source>今日的额度已经用完。</source>
        <translation>今日的额度已经用完。</translation>
    </message>
    <message>
        <source>其余 %1 个要等北京时间零点额度重置后再查（还需 %2 天的额度），会显示为“今日额度已用完”。</source>
        <translation>其余 %1 个要等北京时间零点额度重置后再查（还需 %2 天的额度），会显示为“今日额度已用完”。</translation>
    </message>
    <message numerus="yes">
        <source>%n 秒</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 分 %2 秒</source>
        <translation>%1 分 %2 秒</translation>
    </message>
</context>
<context>
    <name>ChannelsBox</name>
    <message>
        <source>推送渠道</source>
        <translation>推送渠道</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>提醒类型</source>
        <translation>提醒类型</translation>
    </message>
    <message>
        <source>测试结果</source>
        <translation>测试结果</translation>
    </message>
    <message>
        <source>测试所选</source>
        <translation>测试所选</translation>
    </message>
    <message>
        <source>全部测试</source>
        <translation>全部测试</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>Apprise 地址</source>
        <translation>Apprise 地址</translation>
    </message>
    <message>
        <source>可不填</source>
        <translation>可不填</translation>
    </message>
    <message>
        <source>允许本机上的地址（127.0.0.1，如本机的转发服务）</source>
        <translation>允许本机上的地址（127.0.0.1，如本机的转发服务）</translation>
    </message>
    <message>
        <source>添加渠道</source>
        <translation>添加渠道</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>所选渠道接收的提醒：</source>
        <translation>所选渠道接收的提醒：</translation>
    </message>
    <message>
        <source>添加渠道（地址含令牌，只保存在系统钥匙环里，列表中只显示遮盖后的地址）</source>
        <translation>添加渠道（地址含令牌，只保存在系统钥匙环里，列表中只显示遮盖后的地址）</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>每个渠道至少要接收一种提醒；不想接收就删除这个渠道。</source>
        <translation>每个渠道至少要接收一种提醒；不想接收就删除这个渠道。</translation>
    </message>
    <message>
        <source>请填写 Apprise 地址，例如 wecombot://机器人key</source>
        <translation>请填写 Apprise 地址，例如 wecombot://机器人key</translation>
    </message>
    <message>
        <source>已添加渠道「%1」，可以点“测试所选”发一条测试消息。</source>
        <translation>已添加渠道「%1」，可以点“测试所选”发一条测试消息。</translation>
    </message>
    <message>
        <source>添加没有完成</source>
        <translation>添加没有完成</translation>
    </message>
    <message>
        <source>请先选中一个渠道</source>
        <translation>请先选中一个渠道</translation>
    </message>
    <message>
        <source>还没有渠道</source>
        <translation>还没有渠道</translation>
    </message>
    <message>
        <source>正在发送测试消息……</source>
        <translation>正在发送测试消息……</translation>
    </message>
    <message>
        <source>已送达</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>没有送达：%1</source>
        <translation>没有送达：%1</translation>
    </message>
    <message>
        <source>已删除渠道「%1」，它的地址也已从系统钥匙环中删除。</source>
        <translation>已删除渠道「%1」，它的地址也已从系统钥匙环中删除。</translation>
    </message>
    <message>
        <source>操作没有完成</source>
        <translation>操作没有完成</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>闲鱼桌面助手出错了</source>
        <translation>闲鱼桌面助手出错了</translation>
    </message>
    <message>
        <source>程序遇到了一个意外错误，已记录下来。</source>
        <translation>程序遇到了一个意外错误，已记录下来。</translation>
    </message>
    <message>
        <source>错误报告：%1</source>
        <translation>错误报告：%1</translation>
    </message>
    <message>
        <source>错误报告没能写入日志文件夹。</source>
        <translation>错误报告没能写入日志文件夹。</translation>
    </message>
    <message>
        <source>程序会继续运行；如果反复出现，请把报告发给我们。</source>
        <translation>程序会继续运行；如果反复出现，请把报告发给我们。</translation>
    </message>
</context>
<context>
    <name>CredentialsBar</name>
    <message>
        <source>还没有可用的调用凭据。请打开“设置”，填写在阿里开放平台申请的 app_key 和 app_secret；也可以先试用演示模式（不需要账号，数据是模拟的）。</source>
        <translation>还没有可用的调用凭据。请打开“设置”，填写在阿里开放平台申请的 app_key 和 app_secret；也可以先试用演示模式（不需要账号，数据是模拟的）。</translation>
    </message>
    <message>
        <source>打开设置…</source>
        <translation>打开设置…</translation>
    </message>
    <message>
        <source>试用演示模式</source>
        <translation>试用演示模式</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>原价</source>
        <translation>原价</translation>
    </message>
    <message>
        <source>成色</source>
        <translation>成色</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>类目</source>
        <translation>类目</translation>
    </message>
    <message>
        <source>所在地</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>物流</source>
        <translation>物流</translation>
    </message>
    <message>
        <source>上架时间</source>
        <translation>上架时间</translation>
    </message>
    <message>
        <source>保障服务</source>
        <translation>保障服务</translation>
    </message>
    <message>
        <source>已售数量</source>
        <translation>已售数量</translation>
    </message>
    <message>
        <source>卖家</source>
        <translation>卖家</translation>
    </message>
    <message>
        <source>卖家等级</source>
        <translation>卖家等级</translation>
    </message>
    <message>
        <source>好评率</source>
        <translation>好评率</translation>
    </message>
    <message>
        <source>卖家所在地</source>
        <translation>卖家所在地</translation>
    </message>
    <message>
        <source>规格参数</source>
        <translation>规格参数</translation>
    </message>
    <message>
        <source>获取时间</source>
        <translation>获取时间</translation>
    </message>
    <message>
        <source>在浏览器打开</source>
        <translation>在浏览器打开</translation>
    </message>
    <message>
        <source>复制 ID</source>
        <translation>复制 ID</translation>
    </message>
    <message>
        <source>复制链接</source>
        <translation>复制链接</translation>
    </message>
    <message>
        <source>查看行情</source>
        <translation>查看行情</translation>
    </message>
    <message>
        <source>在“行情”页和同款比价</source>
        <translation>在“行情”页和同款比价</translation>
    </message>
    <message>
        <source>选择一行查看商品详情</source>
        <translation>选择一行查看商品详情</translation>
    </message>
    <message>
        <source>无</source>
        <translation>无</translation>
    </message>
    <message>
        <source>（缓存）</source>
        <translation>（缓存）</translation>
    </message>
    <message numerus="yes">
        <source>同款（网关）：%n 件</source>
        <translation>
            <numerusform>同款（网关）：%n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>成交记录：%n 条</source>
        <translation>
            <numerusform>成交记录：%n 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>……另有 %n 条</source>
        <translation>
            <numerusform>……另有 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>正在整理商品描述……</source>
        <translation>正在整理商品描述……</translation>
    </message>
    <message>
        <source>内容过长，已截断</source>
        <translation>内容过长，已截断</translation>
    </message>
    <message>
        <source>无法显示商品描述</source>
        <translation>无法显示商品描述</translation>
    </message>
</context>
<context>
    <name>ExportTab</name>
    <message>
        <source>导出到</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>表格 (*%1)</source>
        <translation>表格 (*%1)</translation>
    </message>
    <message>
        <source>请至少选择一列</source>
        <translation>请至少选择一列</translation>
    </message>
    <message>
        <source>没有可导出的查询结果</source>
        <translation>没有可导出的查询结果</translation>
    </message>
    <message>
        <source>没有可导出的搜索结果</source>
        <translation>没有可导出的搜索结果</translation>
    </message>
    <message>
        <source>正在导出……</source>
        <translation>正在导出……</translation>
    </message>
    <message>
        <source>已导出 %1 个商品到 %2</source>
        <translation>已导出 %1 个商品到 %2</translation>
    </message>
    <message numerus="yes">
        <source>（含 %n 条价格记录）</source>
        <translation>
            <numerusform>（含 %n 条价格记录）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>（CSV 只有商品表；%n 条价格记录要导出为 .xlsx 才有）</source>
        <translation>
            <numerusform>（CSV 只有商品表；%n 条价格记录要导出为 .xlsx 才有）</numerusform>
        </translation>
    </message>
    <message>
        <source>已取消导出，没有留下不完整的文件</source>
        <translation>已取消导出，没有留下不完整的文件</translation>
    </message>
    <message>
        <source>导出没有完成</source>
        <translation>导出没有完成</translation>
    </message>
</context>
<context>
    <name>ExportView</name>
    <message>
        <source>关注列表（含价格历史）</source>
        <translation>关注列表（含价格历史）</translation>
    </message>
    <message>
        <source>当前查询结果</source>
        <translation>当前查询结果</translation>
    </message>
    <message>
        <source>查询结果中选中的商品</source>
        <translation>查询结果中选中的商品</translation>
    </message>
    <message>
        <source>搜索结果</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>“搜索”页现在显示的商品（搜索结果只有摘要信息）</source>
        <translation>“搜索”页现在显示的商品（搜索结果只有摘要信息）</translation>
    </message>
    <message>
        <source>（仅关注）</source>
        <translation>（仅关注）</translation>
    </message>
    <message>
        <source>Excel 工作簿 (.xlsx)</source>
        <translation>Excel 工作簿 (.xlsx)</translation>
    </message>
    <message>
        <source>CSV，UTF-8 (.csv)</source>
        <translation>CSV，UTF-8 (.csv)</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>打开文件</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>导出内容</source>
        <translation>导出内容</translation>
    </message>
    <message>
        <source>列</source>
        <translation>列</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>保存到</source>
        <translation>保存到</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>欢迎使用闲鱼桌面助手</source>
        <translation>欢迎使用闲鱼桌面助手</translation>
    </message>
    <message>
        <source>还没有设置调用凭据。可以填写在阿里开放平台申请的 app_key 和 app_secret，也可以先用内置的演示网关试一试（不需要账号，数据是模拟的）。</source>
        <translation>还没有设置调用凭据。可以填写在阿里开放平台申请的 app_key 和 app_secret，也可以先用内置的演示网关试一试（不需要账号，数据是模拟的）。</translation>
    </message>
    <message>
        <source>填写凭据…</source>
        <translation>填写凭据…</translation>
    </message>
    <message>
        <source>试用演示模式</source>
        <translation>试用演示模式</translation>
    </message>
    <message>
        <source>稍后</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>ImageLoader</name>
    <message>
        <source>不是有效的图片</source>
        <translation>不是有效的图片</translation>
    </message>
    <message>
        <source>图片尺寸过大（%1），不予显示</source>
        <translation>图片尺寸过大（%1），不予显示</translation>
    </message>
</context>
<context>
    <name>LinkProblems</name>
    <message>
        <source>短链接，查询时自动联网解析</source>
        <translation>短链接，查询时自动联网解析</translation>
    </message>
    <message>
        <source>这是其他购物网站（%1）的链接，不是闲鱼商品链接</source>
        <translation>这是其他购物网站（%1）的链接，不是闲鱼商品链接</translation>
    </message>
    <message>
        <source>这个闲鱼链接里没有商品 ID</source>
        <translation>这个闲鱼链接里没有商品 ID</translation>
    </message>
    <message>
        <source>商品 ID 应为 %1–%2 位数字</source>
        <translation>商品 ID 应为 %1–%2 位数字</translation>
    </message>
    <message>
        <source>短链接没有解析到闲鱼商品</source>
        <translation>短链接没有解析到闲鱼商品</translation>
    </message>
    <message>
        <source>Excel 把这个商品 ID 存成了数字，后几位已经丢失；请把该列设为“文本”格式后重新填入 ID，或改用商品链接</source>
        <translation>Excel 把这个商品 ID 存成了数字，后几位已经丢失；请把该列设为“文本”格式后重新填入 ID，或改用商品链接</translation>
    </message>
    <message>
        <source>这个商品 ID 第 15 位之后全是 0，可能被 Excel 四舍五入过；已照常读取，若查不到或商品不对，请把该列设为“文本”格式后重新复制</source>
        <translation>这个商品 ID 第 15 位之后全是 0，可能被 Excel 四舍五入过；已照常读取，若查不到或商品不对，请把该列设为“文本”格式后重新复制</translation>
    </message>
    <message>
        <source>商品 ID 应为 %1–%2 位数字，这里是 %3 位</source>
        <translation>商品 ID 应为 %1–%2 位数字，这里是 %3 位</translation>
    </message>
    <message>
        <source>短链接打开的是淘宝或天猫的页面，不是闲鱼商品</source>
        <translation>短链接打开的是淘宝或天猫的页面，不是闲鱼商品</translation>
    </message>
    <message>
        <source>短链接已失效或不存在，请在闲鱼 App 里重新分享</source>
        <translation>短链接已失效或不存在，请在闲鱼 App 里重新分享</translation>
    </message>
    <message>
        <source>短链接打开的页面里没有闲鱼商品</source>
        <translation>短链接打开的页面里没有闲鱼商品</translation>
    </message>
    <message>
        <source>短链接跳转到闲鱼和淘宝以外的地址，没有继续打开</source>
        <translation>短链接跳转到闲鱼和淘宝以外的地址，没有继续打开</translation>
    </message>
    <message>
        <source>无法从短链接服务器得到回答，请检查网络后再试</source>
        <translation>无法从短链接服务器得到回答，请检查网络后再试</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>页面读取超时</source>
        <translation>页面读取超时</translation>
    </message>
    <message>
        <source>跳转次数过多</source>
        <translation>跳转次数过多</translation>
    </message>
    <message>
        <source>跳转地址无效</source>
        <translation>跳转地址无效</translation>
    </message>
    <message>
        <source>地址指向本机、内网或云服务器元数据地址</source>
        <translation>地址指向本机、内网或云服务器元数据地址</translation>
    </message>
    <message>
        <source>页面过大</source>
        <translation>页面过大</translation>
    </message>
    <message>
        <source>无法解析域名</source>
        <translation>无法解析域名</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>短链接指向商品 %1</source>
        <translation>短链接指向商品 %1</translation>
    </message>
    <message>
        <source>短链接指向商品 %1（已缓存）</source>
        <translation>短链接指向商品 %1（已缓存）</translation>
    </message>
</context>
<context>
    <name>LookupTab</name>
    <message numerus="yes">
        <source>识别到 %n 个商品 ID</source>
        <translation>
            <numerusform>识别到 %n 个商品 ID</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，%n 个短链接待解析</source>
        <translation>
            <numerusform>，%n 个短链接待解析</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，%n 条无法识别</source>
        <translation>
            <numerusform>，%n 条无法识别</numerusform>
        </translation>
    </message>
    <message>
        <source>还没有识别到商品 ID</source>
        <translation>还没有识别到商品 ID</translation>
    </message>
    <message numerus="yes">
        <source>剪贴板里有 %n 个闲鱼商品，要查询吗？</source>
        <translation>
            <numerusform>剪贴板里有 %n 个闲鱼商品，要查询吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>还没有可用的调用凭据</source>
        <translation>还没有可用的调用凭据</translation>
    </message>
    <message>
        <source>正在查询……</source>
        <translation>正在查询……</translation>
    </message>
    <message numerus="yes">
        <source>正在解析 %n 个短链接……</source>
        <translation>
            <numerusform>正在解析 %n 个短链接……</numerusform>
        </translation>
    </message>
    <message>
        <source>没有识别到闲鱼商品 ID</source>
        <translation>没有识别到闲鱼商品 ID</translation>
    </message>
    <message>
        <source>已取消：短链接解析了 %1 / %2 个</source>
        <translation>已取消：短链接解析了 %1 / %2 个</translation>
    </message>
    <message>
        <source>已取消：完成 %1 / %2</source>
        <translation>已取消：完成 %1 / %2</translation>
    </message>
    <message>
        <source>查询完成：%1 个商品，%2 个失败</source>
        <translation>查询完成：%1 个商品，%2 个失败</translation>
    </message>
    <message>
        <source>查询没有完成</source>
        <translation>查询没有完成</translation>
    </message>
    <message>
        <source>请先在结果中选择要关注的商品</source>
        <translation>请先在结果中选择要关注的商品</translation>
    </message>
</context>
<context>
    <name>LookupView</name>
    <message>
        <source>粘贴闲鱼商品链接、分享文本或商品 ID（每行一个或用逗号分隔），按 Ctrl+Enter 查询</source>
        <translation>粘贴闲鱼商品链接、分享文本或商品 ID（每行一个或用逗号分隔），按 Ctrl+Enter 查询</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>忽略</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>不再提示</source>
        <translation>不再提示</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>不用缓存，重新向网关查询所选（或全部）商品</source>
        <translation>不用缓存，重新向网关查询所选（或全部）商品</translation>
    </message>
    <message>
        <source>加入关注</source>
        <translation>加入关注</translation>
    </message>
    <message>
        <source>%v / %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <source>筛选结果（标题、卖家、所在地……）</source>
        <translation>筛选结果（标题、卖家、所在地……）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>闲鱼桌面助手</source>
        <translation>闲鱼桌面助手</translation>
    </message>
    <message>
        <source>（演示模式）</source>
        <translation>（演示模式）</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>关注</source>
        <translation>关注</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>行情</source>
        <translation>行情</translation>
    </message>
    <message>
        <source>正在打开…</source>
        <translation>正在打开…</translation>
    </message>
    <message>
        <source>查看行情</source>
        <translation>查看行情</translation>
    </message>
    <message>
        <source>请先选择一个商品再查看行情</source>
        <translation>请先选择一个商品再查看行情</translation>
    </message>
    <message>
        <source>“查询”页正在查询，请等它完成或取消后再试</source>
        <translation>“查询”页正在查询，请等它完成或取消后再试</translation>
    </message>
    <message>
        <source>演示模式</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>正在打开数据…</source>
        <translation>正在打开数据…</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>打开数据文件夹</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>查看审计日志</source>
        <translation>查看审计日志</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>运行自检</source>
        <translation>运行自检</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>打开数据失败</source>
        <translation>打开数据失败</translation>
    </message>
    <message>
        <source>未设置凭据</source>
        <translation>未设置凭据</translation>
    </message>
    <message>
        <source>演示网关</source>
        <translation>演示网关</translation>
    </message>
    <message>
        <source>网关：%1</source>
        <translation>网关：%1</translation>
    </message>
    <message>
        <source>今日剩余 %1 / %2 次</source>
        <translation>今日剩余 %1 / %2 次</translation>
    </message>
    <message>
        <source>正在打开演示模式…</source>
        <translation>正在打开演示模式…</translation>
    </message>
    <message>
        <source>无法打开演示模式：%1</source>
        <translation>无法打开演示模式：%1</translation>
    </message>
    <message>
        <source>还没有可用的调用凭据：请在“设置”里填写，或试用演示模式</source>
        <translation>还没有可用的调用凭据：请在“设置”里填写，或试用演示模式</translation>
    </message>
    <message>
        <source>凭据</source>
        <translation>凭据</translation>
    </message>
    <message>
        <source>正在自检……</source>
        <translation>正在自检……</translation>
    </message>
    <message>
        <source>自检结果</source>
        <translation>自检结果</translation>
    </message>
    <message>
        <source>程序出错，已记录错误报告</source>
        <translation>程序出错，已记录错误报告</translation>
    </message>
    <message>
        <source>自检没有完成：%1</source>
        <translation>自检没有完成：%1</translation>
    </message>
    <message>
        <source>关于闲鱼桌面助手</source>
        <translation>关于闲鱼桌面助手</translation>
    </message>
    <message>
        <source>闲鱼桌面助手 %1
通过官方签名 item_get 接口查询闲鱼商品、关注价格、导出 Excel。</source>
        <translation>闲鱼桌面助手 %1
通过官方签名 item_get 接口查询闲鱼商品、关注价格、导出 Excel。</translation>
    </message>
</context>
<context>
    <name>MarketChart</name>
    <message>
        <source>P25–P75 区间</source>
        <translation>P25–P75 区间</translation>
    </message>
    <message>
        <source>中位价</source>
        <translation>中位价</translation>
    </message>
    <message>
        <source>在售同款（标价）</source>
        <translation>在售同款（标价）</translation>
    </message>
    <message>
        <source>成交价</source>
        <translation>成交价</translation>
    </message>
    <message>
        <source>本商品</source>
        <translation>本商品</translation>
    </message>
    <message>
        <source>价格（元）</source>
        <translation>价格（元）</translation>
    </message>
    <message>
        <source>成色</source>
        <translation>成色</translation>
    </message>
    <message>
        <source>配件机</source>
        <translation>配件机</translation>
    </message>
    <message>
        <source>输入商品链接或 ID，点“比价”查看同款价格分布</source>
        <translation>输入商品链接或 ID，点“比价”查看同款价格分布</translation>
    </message>
    <message>
        <source>同款价格分布：在售 %1 件，成交 %2 条</source>
        <translation>同款价格分布：在售 %1 件，成交 %2 条</translation>
    </message>
</context>
<context>
    <name>MarketModel</name>
    <message>
        <source>手动纳入</source>
        <translation>手动纳入</translation>
    </message>
    <message>
        <source>纳入</source>
        <translation>纳入</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>价格</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>成色</source>
        <translation>成色</translation>
    </message>
    <message>
        <source>卖家</source>
        <translation>卖家</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>商品 ID</source>
        <translation>商品 ID</translation>
    </message>
</context>
<context>
    <name>MarketTab</name>
    <message>
        <source>纳入比较</source>
        <translation>纳入比较</translation>
    </message>
    <message>
        <source>排除</source>
        <translation>排除</translation>
    </message>
    <message>
        <source>恢复自动判断</source>
        <translation>恢复自动判断</translation>
    </message>
    <message>
        <source>屏蔽此卖家</source>
        <translation>屏蔽此卖家</translation>
    </message>
    <message>
        <source>屏蔽此商品</source>
        <translation>屏蔽此商品</translation>
    </message>
    <message>
        <source>解除屏蔽</source>
        <translation>解除屏蔽</translation>
    </message>
    <message>
        <source>请先粘贴商品链接或 ID</source>
        <translation>请先粘贴商品链接或 ID</translation>
    </message>
    <message>
        <source>正在解析短链接……</source>
        <translation>正在解析短链接……</translation>
    </message>
    <message>
        <source>还没有可用的调用凭据</source>
        <translation>还没有可用的调用凭据</translation>
    </message>
    <message>
        <source>正在估算这次比价要用的调用……</source>
        <translation>正在估算这次比价要用的调用……</translation>
    </message>
    <message>
        <source>正在比价……</source>
        <translation>正在比价……</translation>
    </message>
    <message>
        <source>已取消比价</source>
        <translation>已取消比价</translation>
    </message>
    <message>
        <source>导出行情</source>
        <translation>导出行情</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>行情已导出到 %1</source>
        <translation>行情已导出到 %1</translation>
    </message>
    <message>
        <source>没有在输入中找到商品 ID 或链接</source>
        <translation>没有在输入中找到商品 ID 或链接</translation>
    </message>
    <message>
        <source>比价没有完成</source>
        <translation>比价没有完成</translation>
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
        <translation>性价比得分（0–100）：
每种成色有一个等级 r（全新 5，九成新 4，八成新 3，七成新 2，六成新及以下 1，配件机 0；未知按 2）；
合理价 = M × 1.07^(r商品 − r中位)，M 为同款的中位价，r中位 为同款成色等级的中位数；
q = 标价 ÷ 合理价；得分 = 100 ÷ (1 + q⁴)，保留一位小数。
标价等于合理价得 50 分，半价得 94 分，1.5 倍得 16 分：越便宜分越高，同价时成色越好分越高。</translation>
    </message>
    <message>
        <source>商品本身 %1 次</source>
        <translation>商品本身 %1 次</translation>
    </message>
    <message>
        <source>商品本身用缓存或已有的数据（不花调用）</source>
        <translation>商品本身用缓存或已有的数据（不花调用）</translation>
    </message>
    <message>
        <source>同款搜索最多 %1 页</source>
        <translation>同款搜索最多 %1 页</translation>
    </message>
    <message>
        <source>（另有 %1 页用缓存，不花调用）</source>
        <translation>（另有 %1 页用缓存，不花调用）</translation>
    </message>
    <message>
        <source>成交记录最多查 %1 件同款</source>
        <translation>成交记录最多查 %1 件同款</translation>
    </message>
    <message>
        <source>这次比价最多用 %1 次调用（上限 %2 次）：%3。今日还剩 %4 次。</source>
        <translation>这次比价最多用 %1 次调用（上限 %2 次）：%3。今日还剩 %4 次。</translation>
    </message>
    <message>
        <source>，</source>
        <translation>，</translation>
    </message>
    <message>
        <source>今日剩下的调用不够这次比价用完。</source>
        <translation>今日剩下的调用不够这次比价用完。</translation>
    </message>
    <message>
        <source>没有包括：</source>
        <translation>没有包括：</translation>
    </message>
    <message>
        <source>正在查询商品……</source>
        <translation>正在查询商品……</translation>
    </message>
    <message>
        <source>正在搜索同款……</source>
        <translation>正在搜索同款……</translation>
    </message>
    <message>
        <source>正在查同款的成交记录……</source>
        <translation>正在查同款的成交记录……</translation>
    </message>
    <message>
        <source>比价完成</source>
        <translation>比价完成</translation>
    </message>
    <message>
        <source>（已用 %1 次调用）</source>
        <translation>（已用 %1 次调用）</translation>
    </message>
    <message>
        <source>比价完成：用了 %1 次调用</source>
        <translation>比价完成：用了 %1 次调用</translation>
    </message>
    <message>
        <source>（商品本身用缓存）</source>
        <translation>（商品本身用缓存）</translation>
    </message>
    <message>
        <source>同款行情一条也没有取到，下面只有商品本身。</source>
        <translation>同款行情一条也没有取到，下面只有商品本身。</translation>
    </message>
    <message>
        <source>已按你的调整重新计算（没有用调用）：纳入 %1 件，排除 %2 件</source>
        <translation>已按你的调整重新计算（没有用调用）：纳入 %1 件，排除 %2 件</translation>
    </message>
    <message>
        <source>行情可信：%1 件同款，%2 位卖家</source>
        <translation>行情可信：%1 件同款，%2 位卖家</translation>
    </message>
    <message>
        <source>（推断）</source>
        <translation>（推断）</translation>
    </message>
    <message>
        <source>成色：</source>
        <translation>成色：</translation>
    </message>
    <message>
        <source>类目：</source>
        <translation>类目：</translation>
    </message>
    <message>
        <source>原价：</source>
        <translation>原价：</translation>
    </message>
    <message>
        <source>；</source>
        <translation>；</translation>
    </message>
    <message>
        <source>样本不足：只找到 %1 件同款、%2 位卖家（至少要 %3 件、%4 位卖家），不给建议价。</source>
        <translation>样本不足：只找到 %1 件同款、%2 位卖家（至少要 %3 件、%4 位卖家），不给建议价。</translation>
    </message>
    <message>
        <source>性价比得分：无法计算（没有价格或没有同款）</source>
        <translation>性价比得分：无法计算（没有价格或没有同款）</translation>
    </message>
    <message>
        <source>性价比得分 %1 / 100</source>
        <translation>性价比得分 %1 / 100</translation>
    </message>
    <message>
        <source>价格分位 %1%（比约 %1% 的同款贵）</source>
        <translation>价格分位 %1%（比约 %1% 的同款贵）</translation>
    </message>
    <message>
        <source>中位价 %1（P25 %2 – P75 %3），均价 %4，最低 %5，最高 %6</source>
        <translation>中位价 %1（P25 %2 – P75 %3），均价 %4，最低 %5，最高 %6</translation>
    </message>
    <message>
        <source>成交中位价 %1</source>
        <translation>成交中位价 %1</translation>
    </message>
    <message>
        <source>样本不足，不给建议价</source>
        <translation>样本不足，不给建议价</translation>
    </message>
    <message>
        <source>，近期成交中位价 %1</source>
        <translation>，近期成交中位价 %1</translation>
    </message>
    <message>
        <source>同款在售 %1 件（%2 位卖家），中位价 %3%4：标 %5 比约四分之三的同款便宜，容易很快卖出；标 %6 在中位价与较高的四分之一之间，需要多等买家。</source>
        <translation>同款在售 %1 件（%2 位卖家），中位价 %3%4：标 %5 比约四分之三的同款便宜，容易很快卖出；标 %6 在中位价与较高的四分之一之间，需要多等买家。</translation>
    </message>
    <message>
        <source>快速出手价 %1&#x3000;耐心价 %2</source>
        <translation>快速出手价 %1&#x3000;耐心价 %2</translation>
    </message>
</context>
<context>
    <name>MarketView</name>
    <message>
        <source>粘贴商品链接或 ID（也可以是自己在售商品的链接），按回车比价</source>
        <translation>粘贴商品链接或 ID（也可以是自己在售商品的链接），按回车比价</translation>
    </message>
    <message>
        <source>最多 </source>
        <translation>最多 </translation>
    </message>
    <message>
        <source> 次调用</source>
        <translation> 次调用</translation>
    </message>
    <message>
        <source>这次比价最多用多少次网关调用（缓存命中不算）</source>
        <translation>这次比价最多用多少次网关调用（缓存命中不算）</translation>
    </message>
    <message>
        <source>比价</source>
        <translation>比价</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>导出行情…</source>
        <translation>导出行情…</translation>
    </message>
    <message>
        <source>把这次比价（每件同款及纳入或排除的原因、统计和建议价）导出为 Excel</source>
        <translation>把这次比价（每件同款及纳入或排除的原因、统计和建议价）导出为 Excel</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>MineToggle</name>
    <message>
        <source>我的</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>标为我的商品：按关注的节奏比价（在今日额度之内），同款商品标价比它低出降价提醒幅度时提醒</source>
        <translation>标为我的商品：按关注的节奏比价（在今日额度之内），同款商品标价比它低出降价提醒幅度时提醒</translation>
    </message>
</context>
<context>
    <name>NotifyPage</name>
    <message>
        <source>关闭窗口后留在系统托盘，继续定时检查关注的商品</source>
        <translation>关闭窗口后留在系统托盘，继续定时检查关注的商品</translation>
    </message>
    <message>
        <source>登录电脑时自动启动（只在托盘中运行）</source>
        <translation>登录电脑时自动启动（只在托盘中运行）</translation>
    </message>
    <message>
        <source>后台运行</source>
        <translation>后台运行</translation>
    </message>
    <message>
        <source>免打扰时段（北京时间）</source>
        <translation>免打扰时段（北京时间）</translation>
    </message>
    <message>
        <source> 条</source>
        <translation> 条</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>至</source>
        <translation>至</translation>
    </message>
    <message>
        <source>发送时机</source>
        <translation>发送时机</translation>
    </message>
    <message>
        <source>免打扰时段内的提醒会暂存，结束时合成一条汇总发出。</source>
        <translation>免打扰时段内的提醒会暂存，结束时合成一条汇总发出。</translation>
    </message>
    <message>
        <source>每个渠道每天最多</source>
        <translation>每个渠道每天最多</translation>
    </message>
    <message>
        <source>同一商品两次推送至少间隔</source>
        <translation>同一商品两次推送至少间隔</translation>
    </message>
    <message>
        <source>免打扰时段的开始和结束不能相同</source>
        <translation>免打扰时段的开始和结束不能相同</translation>
    </message>
    <message>
        <source>这台电脑的桌面没有系统托盘，关闭窗口就会退出，无法在后台继续检查。</source>
        <translation>这台电脑的桌面没有系统托盘，关闭窗口就会退出，无法在后台继续检查。</translation>
    </message>
    <message>
        <source>可以改用命令 xianyu-desktop watch schedule install，让系统定时检查。</source>
        <translation>可以改用命令 xianyu-desktop watch schedule install，让系统定时检查。</translation>
    </message>
    <message>
        <source>点托盘图标可以重新打开窗口；在托盘菜单里选“退出”才会真正退出。</source>
        <translation>点托盘图标可以重新打开窗口；在托盘菜单里选“退出”才会真正退出。</translation>
    </message>
    <message>
        <source>这个操作系统不支持登录时自动启动。</source>
        <translation>这个操作系统不支持登录时自动启动。</translation>
    </message>
    <message>
        <source>启动项：%1</source>
        <translation>启动项：%1</translation>
    </message>
    <message>
        <source>没有系统托盘：登录时会最小化打开窗口。启动项：%1</source>
        <translation>没有系统托盘：登录时会最小化打开窗口。启动项：%1</translation>
    </message>
    <message>
        <source>无法读取登录启动项：%1</source>
        <translation>无法读取登录启动项：%1</translation>
    </message>
</context>
<context>
    <name>PriceChart</name>
    <message>
        <source>选择一个关注的商品查看价格走势</source>
        <translation>选择一个关注的商品查看价格走势</translation>
    </message>
    <message>
        <source>价格（元）</source>
        <translation>价格（元）</translation>
    </message>
    <message>
        <source>%1：暂无价格记录</source>
        <translation>%1：暂无价格记录</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>缓存</source>
        <translation>缓存</translation>
    </message>
    <message>
        <source>网关</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>商品ID</source>
        <translation>商品ID</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>价格</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>原价</source>
        <translation>原价</translation>
    </message>
    <message>
        <source>成色</source>
        <translation>成色</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>所在地</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>卖家</source>
        <translation>卖家</translation>
    </message>
    <message>
        <source>好评率</source>
        <translation>好评率</translation>
    </message>
    <message>
        <source>上架时间</source>
        <translation>上架时间</translation>
    </message>
    <message>
        <source>获取时间</source>
        <translation>获取时间</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>SavedSearchDialog</name>
    <message>
        <source>添加关键词监控</source>
        <translation>添加关键词监控</translation>
    </message>
    <message>
        <source>关键词，如 iPhone 14 Pro</source>
        <translation>关键词，如 iPhone 14 Pro</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>不限（省份或城市）</source>
        <translation>不限（省份或城市）</translation>
    </message>
    <message>
        <source>关键词</source>
        <translation>关键词</translation>
    </message>
    <message>
        <source>最高价（元）</source>
        <translation>最高价（元）</translation>
    </message>
    <message>
        <source>成色</source>
        <translation>成色</translation>
    </message>
    <message>
        <source>所在地</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>第一次检查只记录现有的商品；之后有新发布的商品才提醒。</source>
        <translation>第一次检查只记录现有的商品；之后有新发布的商品才提醒。</translation>
    </message>
</context>
<context>
    <name>SavedSearchesBox</name>
    <message>
        <source>关键词</source>
        <translation>关键词</translation>
    </message>
    <message>
        <source>筛选</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>上次运行</source>
        <translation>上次运行</translation>
    </message>
    <message>
        <source>下次运行</source>
        <translation>下次运行</translation>
    </message>
    <message>
        <source>新发布</source>
        <translation>新发布</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>添加关键词监控</source>
        <translation>添加关键词监控</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>关键词监控</source>
        <translation>关键词监控</translation>
    </message>
    <message>
        <source>范围太大（超过 %1 条，只看最新的）：请加最高价或关键词</source>
        <translation>范围太大（超过 %1 条，只看最新的）：请加最高价或关键词</translation>
    </message>
    <message>
        <source>等待第一次检查（只记录，不提醒）</source>
        <translation>等待第一次检查（只记录，不提醒）</translation>
    </message>
    <message>
        <source>已记录 %1 个商品</source>
        <translation>已记录 %1 个商品</translation>
    </message>
    <message>
        <source>下一轮</source>
        <translation>下一轮</translation>
    </message>
    <message>
        <source>未运行</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>≤%1</source>
        <translation>≤%1</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>已保存关键词监控：%1</source>
        <translation>已保存关键词监控：%1</translation>
    </message>
    <message>
        <source>已删除 %1 个关键词监控</source>
        <translation>已删除 %1 个关键词监控</translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message>
        <source>图片</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>价格</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>成色</source>
        <translation>成色</translation>
    </message>
    <message>
        <source>所在地</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>卖家</source>
        <translation>卖家</translation>
    </message>
    <message>
        <source>上架时间</source>
        <translation>上架时间</translation>
    </message>
</context>
<context>
    <name>SearchTab</name>
    <message>
        <source>还没有可用的调用凭据</source>
        <translation>还没有可用的调用凭据</translation>
    </message>
    <message>
        <source>正在搜索第 %1 页……</source>
        <translation>正在搜索第 %1 页……</translation>
    </message>
    <message>
        <source>正在搜索……</source>
        <translation>正在搜索……</translation>
    </message>
    <message>
        <source>正在搜索第 %1 页……（今日还剩 %2 次调用）</source>
        <translation>正在搜索第 %1 页……（今日还剩 %2 次调用）</translation>
    </message>
    <message>
        <source>第 %1 页来自缓存，没有用调用</source>
        <translation>第 %1 页来自缓存，没有用调用</translation>
    </message>
    <message numerus="yes">
        <source>第 %1 页用了 %n 次调用</source>
        <translation>
            <numerusform>第 %1 页用了 %n 次调用</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，%n 条已显示过</source>
        <translation>
            <numerusform>，%n 条已显示过</numerusform>
        </translation>
    </message>
    <message>
        <source>搜索没有完成：</source>
        <translation>搜索没有完成：</translation>
    </message>
    <message>
        <source>没有找到相符的商品。换个关键词，或放宽价格、成色、所在地再试</source>
        <translation>没有找到相符的商品。换个关键词，或放宽价格、成色、所在地再试</translation>
    </message>
    <message>
        <source>共 %1 条结果，已显示 %2 条</source>
        <translation>共 %1 条结果，已显示 %2 条</translation>
    </message>
    <message>
        <source>；</source>
        <translation>；</translation>
    </message>
    <message numerus="yes">
        <source>；%n 条无法读取，已略过</source>
        <translation>
            <numerusform>；%n 条无法读取，已略过</numerusform>
        </translation>
    </message>
    <message>
        <source>；今日还剩 %1 次调用</source>
        <translation>；今日还剩 %1 次调用</translation>
    </message>
    <message>
        <source>搜索没有完成</source>
        <translation>搜索没有完成</translation>
    </message>
    <message>
        <source>已取消搜索</source>
        <translation>已取消搜索</translation>
    </message>
    <message>
        <source>；已显示 %1 条</source>
        <translation>；已显示 %1 条</translation>
    </message>
    <message>
        <source>%v / %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <source>请先在搜索结果中选择要关注的商品</source>
        <translation>请先在搜索结果中选择要关注的商品</translation>
    </message>
    <message>
        <source>请先在搜索结果中选择要查询的商品</source>
        <translation>请先在搜索结果中选择要查询的商品</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <source>搜索关键词，例如 iPhone 14 Pro，按回车搜索</source>
        <translation>搜索关键词，例如 iPhone 14 Pro，按回车搜索</translation>
    </message>
    <message>
        <source>综合</source>
        <translation>综合</translation>
    </message>
    <message>
        <source>价格从低到高</source>
        <translation>价格从低到高</translation>
    </message>
    <message>
        <source>价格从高到低</source>
        <translation>价格从高到低</translation>
    </message>
    <message>
        <source>最新发布</source>
        <translation>最新发布</translation>
    </message>
    <message>
        <source>最低价（元）</source>
        <translation>最低价（元）</translation>
    </message>
    <message>
        <source>最高价（元）</source>
        <translation>最高价（元）</translation>
    </message>
    <message>
        <source>任何成色</source>
        <translation>任何成色</translation>
    </message>
    <message>
        <source>所在地（省份或城市，可不填）</source>
        <translation>所在地（省份或城市，可不填）</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>更多</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>再加载一页（50 条），已显示的不会重复</source>
        <translation>再加载一页（50 条），已显示的不会重复</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>不用缓存，重新向网关搜索</source>
        <translation>不用缓存，重新向网关搜索</translation>
    </message>
    <message>
        <source>加入关注</source>
        <translation>加入关注</translation>
    </message>
    <message>
        <source>查询详情</source>
        <translation>查询详情</translation>
    </message>
    <message>
        <source>在“查询”页查询所选商品的完整信息</source>
        <translation>在“查询”页查询所选商品的完整信息</translation>
    </message>
    <message>
        <source>保存为关键词监控</source>
        <translation>保存为关键词监控</translation>
    </message>
    <message>
        <source>把这个关键词和筛选条件加到“关注”页的关键词监控：有新发布的商品时提醒</source>
        <translation>把这个关键词和筛选条件加到“关注”页的关键词监控：有新发布的商品时提醒</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>简体中文</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>英语</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>%1（每天 %2 次，每秒 %3 次）</source>
        <translation>%1（每天 %2 次，每秒 %3 次）</translation>
    </message>
    <message>
        <source>调用凭据</source>
        <translation>调用凭据</translation>
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
        <translation>权限等级</translation>
    </message>
    <message>
        <source>网关地址</source>
        <translation>网关地址</translation>
    </message>
    <message>
        <source>演示模式使用内置沙盒网关和演示账号，这里的凭据不会被使用。</source>
        <translation>演示模式使用内置沙盒网关和演示账号，这里的凭据不会被使用。</translation>
    </message>
    <message>
        <source> 秒</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>请求、缓存与关注检查</source>
        <translation>请求、缓存与关注检查</translation>
    </message>
    <message>
        <source>请求超时</source>
        <translation>请求超时</translation>
    </message>
    <message>
        <source>在售商品缓存</source>
        <translation>在售商品缓存</translation>
    </message>
    <message>
        <source>已售商品缓存</source>
        <translation>已售商品缓存</translation>
    </message>
    <message>
        <source>下架商品缓存</source>
        <translation>下架商品缓存</translation>
    </message>
    <message>
        <source>无数据缓存</source>
        <translation>无数据缓存</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>在售商品检查间隔</source>
        <translation>在售商品检查间隔</translation>
    </message>
    <message>
        <source>已售商品检查间隔</source>
        <translation>已售商品检查间隔</translation>
    </message>
    <message>
        <source>下架商品检查间隔</source>
        <translation>下架商品检查间隔</translation>
    </message>
    <message>
        <source>数据文件夹</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>界面语言在重启后生效。</source>
        <translation>界面语言在重启后生效。</translation>
    </message>
    <message>
        <source>界面</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>常规</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>通知</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>已保存（留空则保持不变）</source>
        <translation>已保存（留空则保持不变）</translation>
    </message>
    <message>
        <source>密钥保存在：%1</source>
        <translation>密钥保存在：%1</translation>
    </message>
    <message>
        <source>请填写 app_key</source>
        <translation>请填写 app_key</translation>
    </message>
    <message>
        <source>登录启动项没能保存：%1</source>
        <translation>登录启动项没能保存：%1</translation>
    </message>
    <message>
        <source>保存没有完成</source>
        <translation>保存没有完成</translation>
    </message>
    <message>
        <source>测试没有完成</source>
        <translation>测试没有完成</translation>
    </message>
    <message>
        <source>连接正常：网关接受了签名和时间戳。</source>
        <translation>连接正常：网关接受了签名和时间戳。</translation>
    </message>
    <message>
        <source>正在测试……</source>
        <translation>正在测试……</translation>
    </message>
</context>
<context>
    <name>WatchAdd</name>
    <message>
        <source>已加入关注 %1 个</source>
        <translation>已加入关注 %1 个</translation>
    </message>
    <message>
        <source>（%1 个已在关注中）</source>
        <translation>（%1 个已在关注中）</translation>
    </message>
</context>
<context>
    <name>WatchModel</name>
    <message>
        <source>未检查</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>商品ID</source>
        <translation>商品ID</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>现价</source>
        <translation>现价</translation>
    </message>
    <message>
        <source>上次价格</source>
        <translation>上次价格</translation>
    </message>
    <message>
        <source>涨跌幅</source>
        <translation>涨跌幅</translation>
    </message>
    <message>
        <source>最低价</source>
        <translation>最低价</translation>
    </message>
    <message>
        <source>目标价</source>
        <translation>目标价</translation>
    </message>
    <message>
        <source>降价提醒</source>
        <translation>降价提醒</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>最后检查</source>
        <translation>最后检查</translation>
    </message>
    <message>
        <source>下次检查</source>
        <translation>下次检查</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>我的</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>备注最多 %1 个字</source>
        <translation>备注最多 %1 个字</translation>
    </message>
    <message>
        <source>请输入数字</source>
        <translation>请输入数字</translation>
    </message>
    <message>
        <source>数字不在有效范围内</source>
        <translation>数字不在有效范围内</translation>
    </message>
</context>
<context>
    <name>WatchTab</name>
    <message>
        <source>已暂停定时检查</source>
        <translation>已暂停定时检查</translation>
    </message>
    <message>
        <source>还没有可用的调用凭据，关注的商品不会被检查。</source>
        <translation>还没有可用的调用凭据，关注的商品不会被检查。</translation>
    </message>
    <message>
        <source>推送到 %1 没有成功，会在下一轮重试</source>
        <translation>推送到 %1 没有成功，会在下一轮重试</translation>
    </message>
    <message>
        <source>还没有可用的调用凭据</source>
        <translation>还没有可用的调用凭据</translation>
    </message>
    <message>
        <source>正在检查关注的商品……</source>
        <translation>正在检查关注的商品……</translation>
    </message>
    <message>
        <source>（另有 %1 条提醒）</source>
        <translation>（另有 %1 条提醒）</translation>
    </message>
    <message>
        <source>闲鱼关注提醒</source>
        <translation>闲鱼关注提醒</translation>
    </message>
    <message>
        <source>另一个程序（进程 %1，%2）正在检查关注的商品，这一轮没有检查，以免重复。</source>
        <translation>另一个程序（进程 %1，%2）正在检查关注的商品，这一轮没有检查，以免重复。</translation>
    </message>
    <message>
        <source>检查了 %1 个关注的商品，%2 条新提醒</source>
        <translation>检查了 %1 个关注的商品，%2 条新提醒</translation>
    </message>
    <message>
        <source>检查没有完成</source>
        <translation>检查没有完成</translation>
    </message>
    <message>
        <source>已移除 %1 个关注</source>
        <translation>已移除 %1 个关注</translation>
    </message>
    <message>
        <source>已暂停 %1 个商品的提醒一天</source>
        <translation>已暂停 %1 个商品的提醒一天</translation>
    </message>
</context>
<context>
    <name>WatchView</name>
    <message>
        <source>立即检查</source>
        <translation>立即检查</translation>
    </message>
    <message>
        <source>暂停定时检查</source>
        <translation>暂停定时检查</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>筛选关注的商品</source>
        <translation>筛选关注的商品</translation>
    </message>
    <message>
        <source>全部标为已读</source>
        <translation>全部标为已读</translation>
    </message>
    <message>
        <source>所选商品暂停提醒一天</source>
        <translation>所选商品暂停提醒一天</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>提醒</translation>
    </message>
</context>
<context>
    <name>WindowTray</name>
    <message>
        <source>打开窗口</source>
        <translation>打开窗口</translation>
    </message>
    <message>
        <source>立即检查</source>
        <translation>立即检查</translation>
    </message>
    <message>
        <source>暂停定时检查</source>
        <translation>暂停定时检查</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>闲鱼桌面助手</source>
        <translation>闲鱼桌面助手</translation>
    </message>
    <message>
        <source>继续定时检查</source>
        <translation>继续定时检查</translation>
    </message>
    <message>
        <source>闲鱼桌面助手仍在运行</source>
        <translation>闲鱼桌面助手仍在运行</translation>
    </message>
    <message>
        <source>关注的商品会继续定时检查。点托盘图标打开窗口，或在它的菜单里选“退出”。</source>
        <translation>关注的商品会继续定时检查。点托盘图标打开窗口，或在它的菜单里选“退出”。</translation>
    </message>
    <message>
        <source>关闭窗口</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <source>关闭窗口后，要让闲鱼桌面助手留在系统托盘里继续检查关注的商品吗？</source>
        <translation>关闭窗口后，要让闲鱼桌面助手留在系统托盘里继续检查关注的商品吗？</translation>
    </message>
    <message>
        <source>留在托盘：价格变化和售出等提醒照常到来（托盘通知和已设置的推送渠道），点托盘图标可以重新打开窗口，在托盘菜单里选“退出”才会真正退出。
退出：窗口关闭后就不再检查。
以后可以在“设置 → 通知”里更改。</source>
        <translation>留在托盘：价格变化和售出等提醒照常到来（托盘通知和已设置的推送渠道），点托盘图标可以重新打开窗口，在托盘菜单里选“退出”才会真正退出。
退出：窗口关闭后就不再检查。
以后可以在“设置 → 通知”里更改。</translation>
    </message>
    <message>
        <source>留在托盘</source>
        <translation>留在托盘</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>认证失败</source>
        <translation>认证失败</translation>
    </message>
    <message>
        <source>时间不同步</source>
        <translation>时间不同步</translation>
    </message>
    <message>
        <source>权限不足</source>
        <translation>权限不足</translation>
    </message>
    <message>
        <source>调用过于频繁</source>
        <translation>调用过于频繁</translation>
    </message>
    <message>
        <source>今日额度已用完</source>
        <translation>今日额度已用完</translation>
    </message>
    <message>
        <source>参数错误</source>
        <translation>参数错误</translation>
    </message>
    <message>
        <source>无商品数据</source>
        <translation>无商品数据</translation>
    </message>
    <message>
        <source>响应超时</source>
        <translation>响应超时</translation>
    </message>
    <message>
        <source>网关服务异常</source>
        <translation>网关服务异常</translation>
    </message>
    <message>
        <source>网络异常</source>
        <translation>网络异常</translation>
    </message>
    <message>
        <source>网关证书无法验证</source>
        <translation>网关证书无法验证</translation>
    </message>
    <message>
        <source>网关返回了无法识别的内容</source>
        <translation>网关返回了无法识别的内容</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>未查询</source>
        <translation>未查询</translation>
    </message>
    <message>
        <source>请核对 app_key 和 app_secret 是否与开放平台一致，并确认电脑时间准确。</source>
        <translation>请核对 app_key 和 app_secret 是否与开放平台一致，并确认电脑时间准确。</translation>
    </message>
    <message>
        <source>请校准电脑时间（开启自动同步时间），时间戳必须在网关时间前后 5 分钟内。</source>
        <translation>请校准电脑时间（开启自动同步时间），时间戳必须在网关时间前后 5 分钟内。</translation>
    </message>
    <message>
        <source>请在开放平台申请所用接口（item_get、item_search）及所需字段的权限，并把本机 IP 加入白名单。</source>
        <translation>请在开放平台申请所用接口（item_get、item_search）及所需字段的权限，并把本机 IP 加入白名单。</translation>
    </message>
    <message>
        <source>调用频率超过了权限等级的上限，稍后会自动重试；可降低并发或升级权限。</source>
        <translation>调用频率超过了权限等级的上限，稍后会自动重试；可降低并发或升级权限。</translation>
    </message>
    <message>
        <source>今日调用次数已用完，北京时间零点重置；可减少关注数量或升级权限。</source>
        <translation>今日调用次数已用完，北京时间零点重置；可减少关注数量或升级权限。</translation>
    </message>
    <message>
        <source>请核对请求参数：商品 ID（10–19 位数字，从商品链接中提取）、字段列表或搜索条件。</source>
        <translation>请核对请求参数：商品 ID（10–19 位数字，从商品链接中提取）、字段列表或搜索条件。</translation>
    </message>
    <message>
        <source>商品可能已删除、下架、违规或设为私密，请在闲鱼中确认。</source>
        <translation>商品可能已删除、下架、违规或设为私密，请在闲鱼中确认。</translation>
    </message>
    <message>
        <source>网关响应超时，稍后重试；可减少请求的字段数量。</source>
        <translation>网关响应超时，稍后重试；可减少请求的字段数量。</translation>
    </message>
    <message>
        <source>网关暂时异常，稍后重试。</source>
        <translation>网关暂时异常，稍后重试。</translation>
    </message>
    <message>
        <source>无法连接网关，请检查网络连接、代理设置和网关地址。</source>
        <translation>无法连接网关，请检查网络连接、代理设置和网关地址。</translation>
    </message>
    <message>
        <source>请核对网关地址，检查系统根证书和电脑时间；若代理或安全软件拦截了 HTTPS，请关闭拦截或换个网络。</source>
        <translation>请核对网关地址，检查系统根证书和电脑时间；若代理或安全软件拦截了 HTTPS，请关闭拦截或换个网络。</translation>
    </message>
    <message>
        <source>网关返回的内容不是有效的接口响应，请检查网关地址是否正确，或稍后重试。</source>
        <translation>网关返回的内容不是有效的接口响应，请检查网关地址是否正确，或稍后重试。</translation>
    </message>
    <message>
        <source>查询已被取消。</source>
        <translation>查询已被取消。</translation>
    </message>
    <message>
        <source>没有为这个商品发出请求，也没有计入今日额度；按同批那条错误的提示改正后重新查询。</source>
        <translation>没有为这个商品发出请求，也没有计入今日额度；按同批那条错误的提示改正后重新查询。</translation>
    </message>
    <message>
        <source>全新</source>
        <translation>全新</translation>
    </message>
    <message>
        <source>九成新</source>
        <translation>九成新</translation>
    </message>
    <message>
        <source>八成新</source>
        <translation>八成新</translation>
    </message>
    <message>
        <source>七成新</source>
        <translation>七成新</translation>
    </message>
    <message>
        <source>六成新及以下</source>
        <translation>六成新及以下</translation>
    </message>
    <message>
        <source>在售</source>
        <translation>在售</translation>
    </message>
    <message>
        <source>已售</source>
        <translation>已售</translation>
    </message>
    <message>
        <source>下架</source>
        <translation>下架</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>个人测试</source>
        <translation>个人测试</translation>
    </message>
    <message>
        <source>企业基础</source>
        <translation>企业基础</translation>
    </message>
    <message>
        <source>企业高级</source>
        <translation>企业高级</translation>
    </message>
    <message>
        <source>已删除或不可见</source>
        <translation>已删除或不可见</translation>
    </message>
    <message>
        <source>商品ID</source>
        <translation>商品ID</translation>
    </message>
    <message>
        <source>商品标题</source>
        <translation>商品标题</translation>
    </message>
    <message>
        <source>商品标价(元)</source>
        <translation>商品标价(元)</translation>
    </message>
    <message>
        <source>原价(元)</source>
        <translation>原价(元)</translation>
    </message>
    <message>
        <source>商品成色</source>
        <translation>商品成色</translation>
    </message>
    <message>
        <source>商品类目</source>
        <translation>商品类目</translation>
    </message>
    <message>
        <source>商品状态</source>
        <translation>商品状态</translation>
    </message>
    <message>
        <source>已售数量</source>
        <translation>已售数量</translation>
    </message>
    <message>
        <source>物流方式</source>
        <translation>物流方式</translation>
    </message>
    <message>
        <source>商品所在地</source>
        <translation>商品所在地</translation>
    </message>
    <message>
        <source>上架时间</source>
        <translation>上架时间</translation>
    </message>
    <message>
        <source>保障服务</source>
        <translation>保障服务</translation>
    </message>
    <message>
        <source>卖家昵称</source>
        <translation>卖家昵称</translation>
    </message>
    <message>
        <source>卖家等级</source>
        <translation>卖家等级</translation>
    </message>
    <message>
        <source>卖家好评率</source>
        <translation>卖家好评率</translation>
    </message>
    <message>
        <source>请求时间</source>
        <translation>请求时间</translation>
    </message>
    <message>
        <source>链接</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>首次价格</source>
        <translation>首次价格</translation>
    </message>
    <message>
        <source>最低价</source>
        <translation>最低价</translation>
    </message>
    <message>
        <source>涨跌幅</source>
        <translation>涨跌幅</translation>
    </message>
    <message>
        <source>目标价</source>
        <translation>目标价</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>最后检查</source>
        <translation>最后检查</translation>
    </message>
    <message>
        <source>关注列表是空的</source>
        <translation>关注列表是空的</translation>
    </message>
    <message>
        <source>；%1 个我的商品约每 %2比价一次（每轮共约 %3 次调用）</source>
        <translation>；%1 个我的商品约每 %2比价一次（每轮共约 %3 次调用）</translation>
    </message>
    <message>
        <source>，%1 个关键词监控（每轮 %2 次调用）</source>
        <translation>，%1 个关键词监控（每轮 %2 次调用）</translation>
    </message>
    <message>
        <source>%1 个商品%2：今日额度只剩留给手动查询的部分，定时检查暂停，北京时间 0 点恢复</source>
        <translation>%1 个商品%2：今日额度只剩留给手动查询的部分，定时检查暂停，北京时间 0 点恢复</translation>
    </message>
    <message>
        <source>%1 个商品%3，在售商品和关键词约每 %2检查一次</source>
        <translation>%1 个商品%3，在售商品和关键词约每 %2检查一次</translation>
    </message>
    <message>
        <source>%1 个商品，在售商品约每 %2检查一次</source>
        <translation>%1 个商品，在售商品约每 %2检查一次</translation>
    </message>
    <message>
        <source>（为不超出今日额度，已从每 %1放慢 %2 倍）</source>
        <translation>（为不超出今日额度，已从每 %1放慢 %2 倍）</translation>
    </message>
    <message>
        <source>，在今日额度之内</source>
        <translation>，在今日额度之内</translation>
    </message>
    <message>
        <source>%1 小时</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 分钟</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>脚本也可以改用环境变量 XIANYU_APP_SECRET。</source>
        <translation>脚本也可以改用环境变量 XIANYU_APP_SECRET。</translation>
    </message>
    <message>
        <source>为安全起见，密钥不会被写入普通文件。</source>
        <translation>为安全起见，密钥不会被写入普通文件。</translation>
    </message>
    <message>
        <source>在 Linux 上请安装并解锁 GNOME 钥匙环（gnome-keyring）或 KWallet；没有图形界面时可在 dbus-run-session 中运行 gnome-keyring-daemon --unlock。</source>
        <translation>在 Linux 上请安装并解锁 GNOME 钥匙环（gnome-keyring）或 KWallet；没有图形界面时可在 dbus-run-session 中运行 gnome-keyring-daemon --unlock。</translation>
    </message>
    <message>
        <source>请确认“钥匙串访问”可用且登录钥匙串已解锁。</source>
        <translation>请确认“钥匙串访问”可用且登录钥匙串已解锁。</translation>
    </message>
    <message>
        <source>请确认 Windows 凭据管理器可用。</source>
        <translation>请确认 Windows 凭据管理器可用。</translation>
    </message>
    <message>
        <source>系统钥匙环（Secret Service：GNOME 钥匙环 / KWallet）</source>
        <translation>系统钥匙环（Secret Service：GNOME 钥匙环 / KWallet）</translation>
    </message>
    <message>
        <source>系统钥匙环（libsecret）</source>
        <translation>系统钥匙环（libsecret）</translation>
    </message>
    <message>
        <source>macOS 钥匙串</source>
        <translation>macOS 钥匙串</translation>
    </message>
    <message>
        <source>Windows 凭据管理器</source>
        <translation>Windows 凭据管理器</translation>
    </message>
    <message>
        <source>没有找到可用的系统钥匙环。</source>
        <translation>没有找到可用的系统钥匙环。</translation>
    </message>
    <message>
        <source>没有找到可用的系统钥匙环（当前只有不安全或不可用的后端）。</source>
        <translation>没有找到可用的系统钥匙环（当前只有不安全或不可用的后端）。</translation>
    </message>
    <message>
        <source>系统钥匙环已锁定，无法保存密钥。</source>
        <translation>系统钥匙环已锁定，无法保存密钥。</translation>
    </message>
    <message>
        <source>系统钥匙环拒绝保存密钥（%1）。</source>
        <translation>系统钥匙环拒绝保存密钥（%1）。</translation>
    </message>
    <message>
        <source>系统钥匙环已锁定，无法读取密钥。</source>
        <translation>系统钥匙环已锁定，无法读取密钥。</translation>
    </message>
    <message>
        <source>无法从系统钥匙环读取密钥（%1）。</source>
        <translation>无法从系统钥匙环读取密钥（%1）。</translation>
    </message>
    <message>
        <source>无法从系统钥匙环删除密钥（%1）。</source>
        <translation>无法从系统钥匙环删除密钥（%1）。</translation>
    </message>
    <message>
        <source>「%1」</source>
        <translation>「%1」</translation>
    </message>
    <message>
        <source>%1 降价 %2%：%3 → %4</source>
        <translation>%1 降价 %2%：%3 → %4</translation>
    </message>
    <message>
        <source>%1 涨价 %2%：%3 → %4</source>
        <translation>%1 涨价 %2%：%3 → %4</translation>
    </message>
    <message>
        <source>%1 到达目标价 %2：现价 %3</source>
        <translation>%1 到达目标价 %2：现价 %3</translation>
    </message>
    <message>
        <source>%1 到达目标价：现价 %2</source>
        <translation>%1 到达目标价：现价 %2</translation>
    </message>
    <message>
        <source>（原价 %1，降 %2%）</source>
        <translation>（原价 %1，降 %2%）</translation>
    </message>
    <message>
        <source>%1 已售出</source>
        <translation>%1 已售出</translation>
    </message>
    <message>
        <source>%1 已售出（最后价格 %2）</source>
        <translation>%1 已售出（最后价格 %2）</translation>
    </message>
    <message>
        <source>%1 重新上架</source>
        <translation>%1 重新上架</translation>
    </message>
    <message>
        <source>%1 重新上架，现价 %2</source>
        <translation>%1 重新上架，现价 %2</translation>
    </message>
    <message>
        <source>%1 已下架</source>
        <translation>%1 已下架</translation>
    </message>
    <message>
        <source>%1 已删除或不可见（网关不再返回数据）</source>
        <translation>%1 已删除或不可见（网关不再返回数据）</translation>
    </message>
    <message>
        <source>关键词「%1」有新发布：%2，%3</source>
        <translation>关键词「%1」有新发布：%2，%3</translation>
    </message>
    <message>
        <source>%1 被同款压价：%2 标价 %3，比你的 %4 低 %5%</source>
        <translation>%1 被同款压价：%2 标价 %3，比你的 %4 低 %5%</translation>
    </message>
    <message>
        <source>app_secret 已使用 %1 天，建议轮换密钥（每 3 个月一次）</source>
        <translation>app_secret 已使用 %1 天，建议轮换密钥（每 3 个月一次）</translation>
    </message>
    <message>
        <source>类目（推断）</source>
        <translation>类目（推断）</translation>
    </message>
    <message>
        <source>原价（推断）</source>
        <translation>原价（推断）</translation>
    </message>
    <message>
        <source>同款中位价</source>
        <translation>同款中位价</translation>
    </message>
    <message>
        <source>同款P25</source>
        <translation>同款P25</translation>
    </message>
    <message>
        <source>同款P75</source>
        <translation>同款P75</translation>
    </message>
    <message>
        <source>价格百分位</source>
        <translation>价格百分位</translation>
    </message>
    <message>
        <source>性价比得分</source>
        <translation>性价比得分</translation>
    </message>
    <message>
        <source>快速出手价</source>
        <translation>快速出手价</translation>
    </message>
    <message>
        <source>耐心价</source>
        <translation>耐心价</translation>
    </message>
    <message>
        <source>行情结论</source>
        <translation>行情结论</translation>
    </message>
    <message>
        <source>比价时间</source>
        <translation>比价时间</translation>
    </message>
    <message>
        <source>企业微信群机器人</source>
        <translation>企业微信群机器人</translation>
    </message>
    <message>
        <source>机器人 key</source>
        <translation>机器人 key</translation>
    </message>
    <message>
        <source>钉钉群机器人</source>
        <translation>钉钉群机器人</translation>
    </message>
    <message>
        <source>加签密钥</source>
        <translation>加签密钥</translation>
    </message>
    <message>
        <source>飞书群机器人</source>
        <translation>飞书群机器人</translation>
    </message>
    <message>
        <source>Webhook 令牌</source>
        <translation>Webhook 令牌</translation>
    </message>
    <message>
        <source>设备 key</source>
        <translation>设备 key</translation>
    </message>
    <message>
        <source>服务器</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Server酱</source>
        <translation>Server酱</translation>
    </message>
    <message>
        <source>降价</source>
        <translation>降价</translation>
    </message>
    <message>
        <source>到达目标价</source>
        <translation>到达目标价</translation>
    </message>
    <message>
        <source>已售出</source>
        <translation>已售出</translation>
    </message>
    <message>
        <source>已下架</source>
        <translation>已下架</translation>
    </message>
    <message>
        <source>重新上架</source>
        <translation>重新上架</translation>
    </message>
    <message>
        <source>已删除</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>关键词新发布</source>
        <translation>关键词新发布</translation>
    </message>
    <message>
        <source>被同款低价超过</source>
        <translation>被同款低价超过</translation>
    </message>
    <message>
        <source>涨价</source>
        <translation>涨价</translation>
    </message>
    <message>
        <source>密钥轮换提醒</source>
        <translation>密钥轮换提醒</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>网关同款</source>
        <translation>网关同款</translation>
    </message>
    <message>
        <source>成交记录</source>
        <translation>成交记录</translation>
    </message>
    <message>
        <source>商品本身</source>
        <translation>商品本身</translation>
    </message>
    <message>
        <source>已屏蔽</source>
        <translation>已屏蔽</translation>
    </message>
    <message>
        <source>手动排除</source>
        <translation>手动排除</translation>
    </message>
    <message>
        <source>配件</source>
        <translation>配件</translation>
    </message>
    <message>
        <source>求购/回收</source>
        <translation>求购/回收</translation>
    </message>
    <message>
        <source>故障/拆机</source>
        <translation>故障/拆机</translation>
    </message>
    <message>
        <source>不是同款（型号或规格不同）</source>
        <translation>不是同款（型号或规格不同）</translation>
    </message>
    <message>
        <source>价格无效（0 或 1 元）</source>
        <translation>价格无效（0 或 1 元）</translation>
    </message>
    <message>
        <source>不在售</source>
        <translation>不在售</translation>
    </message>
    <message>
        <source>价格离群</source>
        <translation>价格离群</translation>
    </message>
    <message>
        <source>网关的同款列表 same_items（需要企业高级权限，现在是%1）</source>
        <translation>网关的同款列表 same_items（需要企业高级权限，现在是%1）</translation>
    </message>
    <message>
        <source>成交价 trade_record（需要企业权限，现在是%1）</source>
        <translation>成交价 trade_record（需要企业权限，现在是%1）</translation>
    </message>
    <message>
        <source>同款搜索和成交记录（调用上限只够查商品本身，结果会是样本不足）</source>
        <translation>同款搜索和成交记录（调用上限只够查商品本身，结果会是样本不足）</translation>
    </message>
    <message>
        <source>成交记录（调用上限不够，至少要 3 次才查成交价）</source>
        <translation>成交记录（调用上限不够，至少要 3 次才查成交价）</translation>
    </message>
    <message>
        <source>同款搜索（商品标题里没有可以搜索的词）</source>
        <translation>同款搜索（商品标题里没有可以搜索的词）</translation>
    </message>
    <message>
        <source>网关的同款列表里有 %1 条没有商品 ID 或标题，已略过</source>
        <translation>网关的同款列表里有 %1 条没有商品 ID 或标题，已略过</translation>
    </message>
    <message>
        <source>同款搜索只看了前 %1 页（共 %2 条结果）：分给搜索的调用用完</source>
        <translation>同款搜索只看了前 %1 页（共 %2 条结果）：分给搜索的调用用完</translation>
    </message>
    <message>
        <source>成交记录只查了 %1 件同款（共 %2 件）：调用上限用完</source>
        <translation>成交记录只查了 %1 件同款（共 %2 件）：调用上限用完</translation>
    </message>
    <message>
        <source>%1 件同款查成交记录时网关已没有数据（可能已下架），没有成交价</source>
        <translation>%1 件同款查成交记录时网关已没有数据（可能已下架），没有成交价</translation>
    </message>
</context>
</TS>
